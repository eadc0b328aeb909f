package io.rackdesk.views.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.rackdesk.app.settings.Theme;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;

/**
 * Applies AtlantaFX's Primer light or dark theme as the user-agent stylesheet, plus Rackdesk's own
 * stylesheet, which only uses the theme's looked-up colours and so follows the switch.
 */
public final class ThemeManager {
    public static final String APP_CSS = "/io/rackdesk/views/rackdesk.css";

    private ThemeManager() {
    }

    public static void apply(Theme theme) {
        Application.setUserAgentStylesheet(theme == Theme.DARK
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public static void addAppStylesheet(Scene scene) {
        String css = Objects.requireNonNull(ThemeManager.class.getResource(APP_CSS), APP_CSS).toExternalForm();
        if (!scene.getStylesheets().contains(css)) {
            scene.getStylesheets().add(css);
        }
    }
}

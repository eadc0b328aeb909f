package io.rackdesk.views.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import io.rackdesk.app.settings.Theme;
import java.util.List;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Parent;
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
        Application.setUserAgentStylesheet(userAgentStylesheet(theme));
    }

    /**
     * The theme's binary stylesheet that the build wrote ({@link BinaryStylesheets}): no CSS to parse at
     * start-up. AtlantaFX's own .css where it is missing (a run from an IDE that skipped the build step).
     */
    public static String userAgentStylesheet(Theme theme) {
        String name = theme == Theme.DARK ? "primer-dark" : "primer-light";
        java.net.URL bss = ThemeManager.class.getResource("/" + BinaryStylesheets.THEME_DIR + name + ".bss");
        if (bss != null) {
            return bss.toExternalForm();
        }
        return theme == Theme.DARK ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
    }

    public static void addAppStylesheet(Scene scene) {
        addTo(scene.getStylesheets());
    }

    /** For dialogs, whose panes live in scenes of their own. */
    public static void addAppStylesheet(Parent root) {
        addTo(root.getStylesheets());
    }

    private static void addTo(List<String> stylesheets) {
        String css = Objects.requireNonNull(ThemeManager.class.getResource(APP_CSS), APP_CSS).toExternalForm();
        if (!stylesheets.contains(css)) {
            stylesheets.add(css);
        }
    }
}

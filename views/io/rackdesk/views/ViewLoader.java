package io.rackdesk.views;

import io.rackdesk.app.i18n.Localization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads a view's FXML from resources/ at the view class's package path, with the view object as its
 * controller and the UI text bundle for %key look-ups.
 */
public final class ViewLoader {
    private ViewLoader() {
    }

    public static <T extends Parent> T load(Object view, String fxml, Localization l10n) {
        URL url = view.getClass().getResource(fxml);
        if (url == null) {
            throw new IllegalStateException("FXML " + fxml + " not found beside " + view.getClass().getName());
        }
        FXMLLoader loader = new FXMLLoader(url, l10n.bundle());
        loader.setController(view);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + url + ": " + e.getMessage(), e);
        }
    }
}

package io.rackdesk.views.ceph;

import io.rackdesk.app.i18n.Localization;
import io.rackdesk.views.icons.RackdeskIcon;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TreeTableColumn;

/** Buttons and text columns as the Ceph page's tabs build them. */
final class CephControls {
    private CephControls() {
    }

    static Button button(Localization l10n, String key, RackdeskIcon icon, String id, Runnable action) {
        Button b = new Button(l10n.lang(key), icon.node());
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** A column of text from each row; {@code numeric} right-aligns it. */
    static <S> TableColumn<S, String> column(Localization l10n, String key, Function<S, String> value, double width, boolean numeric) {
        TableColumn<S, String> c = new TableColumn<>(l10n.lang(key));
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setPrefWidth(width);
        if (numeric) {
            c.getStyleClass().add("numeric");
        }
        return c;
    }

    /** A tree column of text from each node (empty for the hidden root). */
    static <S> TreeTableColumn<S, String> treeColumn(Localization l10n, String key, Function<S, String> value, double width,
            boolean numeric) {
        TreeTableColumn<S, String> c = new TreeTableColumn<>(l10n.lang(key));
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue() == null || f.getValue().getValue() == null ? ""
                : value.apply(f.getValue().getValue())));
        c.setPrefWidth(width);
        if (numeric) {
            c.getStyleClass().add("numeric");
        }
        return c;
    }
}

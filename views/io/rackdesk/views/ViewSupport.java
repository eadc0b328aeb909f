package io.rackdesk.views;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;

/** Small helpers every page uses the same way. */
public final class ViewSupport {
    private ViewSupport() {
    }

    /** Text for a cell whose value may be absent. */
    public static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    /** Shows {@code error}'s text in {@code label}, and hides the label (no gap) while there is none. */
    public static void bindError(Label label, ObservableStringValue error) {
        label.textProperty().bind(error);
        label.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(error));
        label.managedProperty().bind(label.visibleProperty());
    }
}

package io.rackdesk.archfixture.viewmodels;

/** Breaks the ViewModel rule on purpose (touches a control). */
public class ViewModelUsingControls {
    public void disable(javafx.scene.control.Button b) {
        b.setDisable(true);
    }
}

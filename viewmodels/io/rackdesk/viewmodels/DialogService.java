package io.rackdesk.viewmodels;

/**
 * Dialogs as ViewModels need them, with no UI toolkit in sight; the views implement it with JavaFX
 * alerts, tests with a recorder.
 */
public interface DialogService {
    void showError(String title, String message);

    void showWarning(String title, String message);
}

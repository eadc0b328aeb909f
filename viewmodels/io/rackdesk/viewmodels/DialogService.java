package io.rackdesk.viewmodels;

import java.util.List;
import java.util.Optional;

/**
 * Dialogs as ViewModels need them, with no UI toolkit in sight; the views implement it with JavaFX
 * dialogs, tests with a recorder.
 */
public interface DialogService {
    void showError(String title, String message);

    void showWarning(String title, String message);

    /**
     * Asks before an action; {@code items} (e.g. the VMs concerned) are listed in full.
     * Returns true only when the user chose {@code confirmLabel}.
     */
    boolean confirm(String title, String message, List<String> items, String confirmLabel);

    /** Asks for a line of text, prefilled with {@code initial}; empty when cancelled. */
    Optional<String> askText(String title, String message, String initial);

    /** Asks for a secret (a key) in a field that does not show it; empty when cancelled. */
    Optional<String> askSecret(String title, String message);
}

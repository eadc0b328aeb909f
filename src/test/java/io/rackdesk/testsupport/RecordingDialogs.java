package io.rackdesk.testsupport;

import io.rackdesk.viewmodels.DialogService;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** A {@link DialogService} that records what would have been shown and gives scripted answers. */
public final class RecordingDialogs implements DialogService {
    public final List<String> shown = new ArrayList<>();
    /** The answer to the next confirm(); true unless a test says otherwise. */
    public boolean confirmAnswer = true;
    /** Answers to askText(), in order; empty = cancelled. */
    public final Deque<Optional<String>> textAnswers = new ArrayDeque<>();
    /** Answers to askSecret(), in order; empty = cancelled. The secret is not recorded. */
    public final Deque<Optional<String>> secretAnswers = new ArrayDeque<>();

    @Override
    public void showError(String title, String message) {
        shown.add("error: " + title + ": " + message);
    }

    @Override
    public void showWarning(String title, String message) {
        shown.add("warning: " + title + ": " + message);
    }

    @Override
    public boolean confirm(String title, String message, List<String> items, String confirmLabel) {
        shown.add("confirm: " + title + ": " + message + " " + items + " [" + confirmLabel + "]");
        return confirmAnswer;
    }

    @Override
    public Optional<String> askText(String title, String message, String initial) {
        shown.add("ask: " + title + " [" + initial + "]");
        return textAnswers.isEmpty() ? Optional.empty() : textAnswers.poll();
    }

    @Override
    public Optional<String> askSecret(String title, String message) {
        shown.add("askSecret: " + title + ": " + message);
        return secretAnswers.isEmpty() ? Optional.empty() : secretAnswers.poll();
    }
}

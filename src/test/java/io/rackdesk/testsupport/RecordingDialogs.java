package io.rackdesk.testsupport;

import io.rackdesk.viewmodels.DialogService;
import java.util.ArrayList;
import java.util.List;

/** A {@link DialogService} that records what would have been shown. */
public final class RecordingDialogs implements DialogService {
    public final List<String> shown = new ArrayList<>();

    @Override
    public void showError(String title, String message) {
        shown.add("error: " + title + ": " + message);
    }

    @Override
    public void showWarning(String title, String message) {
        shown.add("warning: " + title + ": " + message);
    }
}

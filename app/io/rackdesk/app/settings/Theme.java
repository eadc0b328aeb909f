package io.rackdesk.app.settings;

/** The UI's colour theme. */
public enum Theme {
    LIGHT,
    DARK;

    public Theme toggled() {
        return this == LIGHT ? DARK : LIGHT;
    }
}

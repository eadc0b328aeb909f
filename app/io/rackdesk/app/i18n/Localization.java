package io.rackdesk.app.i18n;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * UI text in the user's language. Keys live in resources/io/rackdesk/i18n/messages*.properties; a
 * test fails when a key is missing from a language or no longer used.
 */
public final class Localization {
    public static final String BUNDLE = "io.rackdesk.i18n.messages";

    private final ResourceBundle bundle;
    private final Locale locale;

    public Localization(Locale locale) {
        this.locale = Objects.requireNonNull(locale);
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public Locale locale() {
        return locale;
    }

    /** The bundle, for FXML's %key look-ups. */
    public ResourceBundle bundle() {
        return bundle;
    }

    /** The text for {@code key}, with {0}, {1}... replaced by {@code args} (MessageFormat). */
    public String lang(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        // always through MessageFormat, so quoting rules ('' for ') are the same with or without arguments
        return new MessageFormat(pattern, locale).format(args);
    }
}

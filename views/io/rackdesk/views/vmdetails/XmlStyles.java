package io.rackdesk.views.vmdetails;

import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Style classes for the XML editor and the diff, computed from the text alone. The scanner is
 * forgiving: text being typed is rarely well-formed, so an unclosed tag, quote or comment simply
 * runs to the end. Colours are in rackdesk.css.
 */
final class XmlStyles {
    static final String TAG = "xml-tag";
    static final String BRACKET = "xml-bracket";
    static final String ATTRIBUTE = "xml-attribute";
    static final String VALUE = "xml-value";
    static final String COMMENT = "xml-comment";
    static final String DECLARATION = "xml-declaration";
    static final String CDATA = "xml-cdata";
    static final String ENTITY = "xml-entity";

    private XmlStyles() {
    }

    /** The spans of {@code text}: tags, attributes, values, comments, declarations, entities. */
    static StyleSpans<Collection<String>> xml(String text) {
        Spans spans = new Spans();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (text.startsWith("<!--", i)) {
                i = spans.add(COMMENT, i, endAfter(text, i + 4, "-->"));
            } else if (text.startsWith("<![CDATA[", i)) {
                i = spans.add(CDATA, i, endAfter(text, i + 9, "]]>"));
            } else if (text.startsWith("<?", i) || text.startsWith("<!", i)) {
                i = spans.add(DECLARATION, i, endAfter(text, i + 2, ">"));
            } else if (c == '<') {
                i = tag(text, i, spans);
            } else if (c == '&' && entityEnd(text, i) > 0) {
                i = spans.add(ENTITY, i, entityEnd(text, i));
            } else {
                int next = i + 1;
                while (next < n && text.charAt(next) != '<' && text.charAt(next) != '&') {
                    next++;
                }
                i = spans.add(null, i, next);
            }
        }
        return spans.build();
    }

    /** The style class of one line of a unified diff, or null for a context line. */
    static String diffLine(String line) {
        if (line.startsWith("+++") || line.startsWith("---")) {
            return "diff-header";
        }
        if (line.startsWith("@@")) {
            return "diff-hunk";
        }
        if (line.startsWith("+")) {
            return "diff-added";
        }
        if (line.startsWith("-")) {
            return "diff-removed";
        }
        return null;
    }

    /** A start or end tag from its '<': brackets, name, attributes and quoted values. */
    private static int tag(String text, int start, Spans spans) {
        int n = text.length();
        int i = spans.add(BRACKET, start, text.startsWith("</", start) ? start + 2 : start + 1);
        int nameEnd = i;
        while (nameEnd < n && isNameChar(text.charAt(nameEnd))) {
            nameEnd++;
        }
        i = spans.add(TAG, i, nameEnd);
        while (i < n) {
            char c = text.charAt(i);
            if (c == '>') {
                return spans.add(BRACKET, i, i + 1);
            } else if (text.startsWith("/>", i)) {
                return spans.add(BRACKET, i, i + 2);
            } else if (c == '<') {
                return i; // an unfinished tag: the next one starts here
            } else if (c == '"' || c == '\'') {
                int close = text.indexOf(c, i + 1);
                i = spans.add(VALUE, i, close < 0 ? n : close + 1);
            } else if (isNameChar(c)) {
                int end = i;
                while (end < n && isNameChar(text.charAt(end))) {
                    end++;
                }
                i = spans.add(ATTRIBUTE, i, end);
            } else {
                i = spans.add(null, i, i + 1); // blanks and '='
            }
        }
        return i;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == ':' || c == '-' || c == '_' || c == '.';
    }

    /** The end (exclusive) of an entity reference such as &amp; or &#x20; at {@code i}, or -1. */
    private static int entityEnd(String text, int i) {
        int j = i + 1;
        while (j < text.length() && j - i <= 10 && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '#')) {
            j++;
        }
        return j < text.length() && text.charAt(j) == ';' && j > i + 1 ? j + 1 : -1;
    }

    private static int endAfter(String text, int from, String end) {
        int at = text.indexOf(end, from);
        return at < 0 ? text.length() : at + end.length();
    }

    /** Adjacent spans of one style are merged, so a plain run is one span however it was scanned. */
    private static final class Spans {
        private final StyleSpansBuilder<Collection<String>> builder = new StyleSpansBuilder<>();
        private String style;
        private int length;
        private boolean any;

        /** Styles [from, to) with {@code style} (null: none) and returns {@code to}. */
        int add(String s, int from, int to) {
            if (to <= from) {
                return from;
            }
            if (length > 0 && !java.util.Objects.equals(s, style)) {
                flush();
            }
            style = s;
            length += to - from;
            return to;
        }

        private void flush() {
            builder.add(style == null ? List.of() : List.of(style), length);
            any = true;
            length = 0;
        }

        StyleSpans<Collection<String>> build() {
            if (length > 0 || !any) {
                flush();
            }
            return builder.create();
        }
    }
}

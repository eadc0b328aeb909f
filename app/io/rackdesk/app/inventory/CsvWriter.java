package io.rackdesk.app.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * Writes RFC 4180 CSV: records end with CRLF; a field containing a comma, a double quote, CR or LF
 * is enclosed in double quotes, with its double quotes doubled. Null is written as an empty field.
 */
public final class CsvWriter {
    private final Appendable out;

    public CsvWriter(Appendable out) {
        this.out = Objects.requireNonNull(out);
    }

    public void row(List<?> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(field(fields.get(i)));
            }
            out.append("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String field(Object value) {
        String s = value == null ? "" : value.toString();
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}

package io.rackdesk.app.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {
    @Test
    void plainFieldsAreWrittenAsTheyAreAndRowsEndWithCrLf() {
        StringBuilder out = new StringBuilder();
        CsvWriter csv = new CsvWriter(out);
        csv.row(List.of("host", "name", 4, 8388608L));
        csv.row(List.of("a b", "kiosk-zürich", "", "x;y"));
        assertEquals("host,name,4,8388608\r\na b,kiosk-zürich,,x;y\r\n", out.toString());
    }

    @Test
    void commasQuotesAndLineBreaksAreQuoted() {
        assertEquals("\"lab, west\"", CsvWriter.field("lab, west"));
        assertEquals("\"db \"\"blue\"\"\"", CsvWriter.field("db \"blue\""));
        assertEquals("\"two\nlines\"", CsvWriter.field("two\nlines"));
        assertEquals("\"cr\rhere\"", CsvWriter.field("cr\rhere"));
        assertEquals("\"\"\"\"", CsvWriter.field("\""));
        assertEquals("", CsvWriter.field(null));
        assertEquals(" padded ", CsvWriter.field(" padded "), "RFC 4180: spaces are part of the field");
    }

    @Test
    void aRowWithNullsKeepsItsColumns() {
        StringBuilder out = new StringBuilder();
        new CsvWriter(out).row(Arrays.asList(null, "b", null));
        assertEquals(",b,\r\n", out.toString());
    }
}

package io.rackdesk.views.vmdetails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpan;
import org.junit.jupiter.api.Test;

/** The XML editor's highlighting, as (style, text) runs. */
class XmlStylesTest {

    @Test
    void tagsAttributesValuesCommentsAndEntities() {
        String xml = "<?xml version='1.0'?>\n<domain type='kvm'>\n  <!-- a <b> -->\n  <rackdesk:tag x=\"1\">a &amp; b</rackdesk:tag>\n  <acpi/>\n</domain>";
        assertEquals(List.of(
                "xml-declaration:<?xml version='1.0'?>", ":\n",
                "xml-bracket:<", "xml-tag:domain", ": ", "xml-attribute:type", ":=", "xml-value:'kvm'", "xml-bracket:>", ":\n  ",
                "xml-comment:<!-- a <b> -->", ":\n  ",
                "xml-bracket:<", "xml-tag:rackdesk:tag", ": ", "xml-attribute:x", ":=", "xml-value:\"1\"", "xml-bracket:>",
                ":a ", "xml-entity:&amp;", ": b",
                "xml-bracket:</", "xml-tag:rackdesk:tag", "xml-bracket:>", ":\n  ",
                "xml-bracket:<", "xml-tag:acpi", "xml-bracket:/>", ":\n",
                "xml-bracket:</", "xml-tag:domain", "xml-bracket:>"), runs(xml));
    }

    @Test
    void halfTypedMarkupRunsToTheEndWithoutFailing() {
        assertEquals(List.of("xml-bracket:<", "xml-tag:a", ": ", "xml-attribute:b", ":=", "xml-value:'open"), runs("<a b='open"));
        assertEquals(List.of("xml-bracket:<", "xml-tag:a", ": ", "xml-bracket:<", "xml-tag:b", "xml-bracket:>"), runs("<a <b>"));
        assertEquals(List.of("xml-comment:<!-- never closed"), runs("<!-- never closed"));
        assertEquals(List.of(":a & b"), runs("a & b"));
        assertEquals(List.of(":"), runs(""));
    }

    @Test
    void diffLinesByTheirFirstCharacter() {
        assertEquals("diff-header", XmlStyles.diffLine("--- web-01 (saved)"));
        assertEquals("diff-header", XmlStyles.diffLine("+++ web-01 (edited)"));
        assertEquals("diff-hunk", XmlStyles.diffLine("@@ -1,3 +1,3 @@"));
        assertEquals("diff-added", XmlStyles.diffLine("+  <vcpu>4</vcpu>"));
        assertEquals("diff-removed", XmlStyles.diffLine("-  <vcpu>2</vcpu>"));
        assertNull(XmlStyles.diffLine("   <os>"));
    }

    private static List<String> runs(String text) {
        List<String> out = new ArrayList<>();
        int pos = 0;
        for (StyleSpan<Collection<String>> span : XmlStyles.xml(text)) {
            out.add(String.join(",", span.getStyle()) + ":" + text.substring(pos, pos + span.getLength()));
            pos += span.getLength();
        }
        assertEquals(text.length(), pos);
        return out;
    }
}

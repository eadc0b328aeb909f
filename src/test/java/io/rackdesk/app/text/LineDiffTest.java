package io.rackdesk.app.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LineDiffTest {
    private static final String BEFORE = """
            <domain>
              <name>web-01</name>
              <memory>1024</memory>
              <vcpu>2</vcpu>
              <os/>
              <clock/>
              <devices/>
              <features/>
              <on_crash>destroy</on_crash>
            </domain>
            """;

    @Test
    void sameTextHasNoDiff() {
        LineDiff d = LineDiff.of(BEFORE, BEFORE.replace("\n", "\r\n"), "a", "b");
        assertTrue(d.isEmpty());
        assertEquals("", d.unified());
    }

    @Test
    void changedLinesAreShownWithContextAndCounted() {
        String after = BEFORE.replace("<vcpu>2</vcpu>", "<vcpu>4</vcpu>").replace("</domain>", "  <description/>\n</domain>");
        LineDiff d = LineDiff.of(BEFORE, after, "web-01 (saved)", "web-01 (edited)");
        assertEquals(2, d.added());
        assertEquals(1, d.removed());
        assertEquals("""
                --- web-01 (saved)
                +++ web-01 (edited)
                @@ -1,10 +1,11 @@
                 <domain>
                   <name>web-01</name>
                   <memory>1024</memory>
                -  <vcpu>2</vcpu>
                +  <vcpu>4</vcpu>
                   <os/>
                   <clock/>
                   <devices/>
                   <features/>
                   <on_crash>destroy</on_crash>
                +  <description/>
                 </domain>
                """, d.unified());
    }
}

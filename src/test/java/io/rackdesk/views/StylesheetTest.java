package io.rackdesk.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.settings.Theme;
import io.rackdesk.views.theme.ThemeManager;
import java.net.URL;
import java.util.List;
import javafx.css.CssParser;
import javafx.css.Rule;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

/**
 * Rackdesk's stylesheet parses without errors (a broken rule silently drops every rule after it), and
 * the binary stylesheets the build writes (BinaryStylesheets) say what their CSS says: JavaFX prefers
 * a .bss to the .css beside it, so a stale one would hide every later CSS change.
 */
class StylesheetTest {
    @Test
    void appStylesheetHasNoSyntaxErrors() throws Exception {
        CssParser.errorsProperty().clear();
        new CssParser().parse(ThemeManager.class.getResource(ThemeManager.APP_CSS));
        List<String> errors = CssParser.errorsProperty().stream().map(Object::toString).toList();
        assertEquals(List.of(), errors);
    }

    @Test
    void theAppStylesheetsBinaryFormMatchesItsCss() throws Exception {
        URL css = ThemeManager.class.getResource(ThemeManager.APP_CSS);
        URL bss = ThemeManager.class.getResource(ThemeManager.APP_CSS.replace(".css", ".bss"));
        assertNotNull(bss, "the build writes rackdesk.bss beside rackdesk.css (process-classes)");
        List<String> fromCss = rules(new CssParser().parse(css));
        List<String> fromBss = rules(Stylesheet.loadBinary(bss));
        assertEquals(fromCss.size(), fromBss.size(), "rules");
        for (int i = 0; i < fromCss.size(); i++) {
            assertEquals(fromCss.get(i), fromBss.get(i), "rackdesk.css: rule " + i);
        }
    }

    @Test
    void eachThemeLoadsFromItsBinaryFormWithAtlantaFxsRules() throws Exception {
        for (Theme theme : Theme.values()) {
            String ua = ThemeManager.userAgentStylesheet(theme);
            assertTrue(ua.endsWith(".bss"), ua);
            String name = theme == Theme.DARK ? "primer-dark" : "primer-light";
            assertTrue(ua.endsWith("/" + name + ".bss"), ua);
            List<String> fromCss = rules(new CssParser().parse(ThemeManager.class.getResource("/atlantafx/base/theme/" + name + ".css")));
            List<String> fromBss = rules(Stylesheet.loadBinary(new URL(ua)));
            assertTrue(fromCss.size() > 500, "AtlantaFX's theme has its rules: " + fromCss.size());
            assertEquals(fromCss.size(), fromBss.size(), name + ": rules");
            for (int i = 0; i < fromCss.size(); i++) {
                assertEquals(fromCss.get(i), fromBss.get(i), name + ": rule " + i);
            }
        }
    }

    /**
     * Each rule as its selectors and its declarations' properties and values; url() values also name the
     * sheet they came from (to resolve relative paths: the themes have only data: and absolute ones).
     */
    private static List<String> rules(Stylesheet s) {
        return s.getRules().stream().map(r -> describe(r).replace(s.getUrl(), "<this sheet>")).toList();
    }

    /** A parsed value with nested values and arrays spelled out, converters by class (no identity hashes). */
    private static String value(Object v) {
        if (v instanceof javafx.css.ParsedValue<?, ?> p) {
            return (p.isContainsLookups() ? "lookup " : "") + value(p.getValue())
                    + (p.getConverter() == null ? "" : " as " + p.getConverter().getClass().getName());
        }
        if (v instanceof Object[] array) {
            return java.util.Arrays.stream(array).map(StylesheetTest::value).toList().toString();
        }
        return String.valueOf(v);
    }

    private static String describe(Rule r) {
        return r.getSelectors() + " { " + r.getDeclarations().stream()
                .map(d -> d.getProperty() + ": " + value(d.getParsedValue()) + (d.isImportant() ? " !important" : ""))
                .reduce("", (a, b) -> a + b + "; ") + "}";
    }
}

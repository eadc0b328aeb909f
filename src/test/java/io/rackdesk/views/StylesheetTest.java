package io.rackdesk.views;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rackdesk.views.theme.ThemeManager;
import java.util.List;
import javafx.css.CssParser;
import org.junit.jupiter.api.Test;

/** Rackdesk's stylesheet parses without errors (a broken rule silently drops every rule after it). */
class StylesheetTest {
    @Test
    void appStylesheetHasNoSyntaxErrors() throws Exception {
        CssParser.errorsProperty().clear();
        new CssParser().parse(ThemeManager.class.getResource(ThemeManager.APP_CSS));
        List<String> errors = CssParser.errorsProperty().stream().map(Object::toString).toList();
        assertEquals(List.of(), errors);
    }
}

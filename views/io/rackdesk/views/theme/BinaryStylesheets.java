package io.rackdesk.views.theme;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import javafx.css.Stylesheet;

/**
 * Build step (Maven's process-classes phase): writes JavaFX's binary form (.bss) of the stylesheets a
 * start needs, so the window does not parse CSS text first. AtlantaFX's Primer themes are 170 KB of
 * CSS each: parsing one took about 170 ms of CPU at start-up, loading its .bss about 40 ms.
 * JavaFX looks for a .bss beside any .css it is given (unless {@code -Dbinary.css=false}), so
 * rackdesk.bss sits beside rackdesk.css; the themes' .bss files are Rackdesk's own resources
 * ({@link ThemeManager} falls back to AtlantaFX's .css where they are missing, as in an IDE run).
 */
public final class BinaryStylesheets {
    static final String THEME_DIR = "io/rackdesk/views/theme/";
    static final String[] THEMES = {"primer-light", "primer-dark"};

    private BinaryStylesheets() {
    }

    /** {@code args[0]}: the classes directory (target/classes), holding rackdesk.css already. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: BinaryStylesheets CLASSES_DIR");
        }
        Path classes = Path.of(args[0]);
        Path work = Files.createTempDirectory("rackdesk-css");
        try {
            for (String theme : THEMES) {
                URL css = Objects.requireNonNull(BinaryStylesheets.class.getResource(atlantaFxCss(theme)), theme);
                Path copy = work.resolve(theme + ".css");
                try (InputStream in = css.openStream()) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                }
                convert(copy, classes.resolve(THEME_DIR + theme + ".bss"));
            }
            Path app = classes.resolve(ThemeManager.APP_CSS.substring(1));
            convert(app, app.resolveSibling(app.getFileName().toString().replace(".css", ".bss")));
        } finally {
            try (var files = Files.list(work)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(work);
        }
    }

    static String atlantaFxCss(String theme) {
        return "/atlantafx/base/theme/" + theme + ".css";
    }

    private static void convert(Path css, Path bss) throws IOException {
        Files.createDirectories(bss.getParent());
        Stylesheet.convertToBinary(css.toFile(), bss.toFile());
        if (!Files.isRegularFile(bss) || Files.size(bss) == 0) {
            throw new IOException("no binary stylesheet written for " + css);
        }
    }
}

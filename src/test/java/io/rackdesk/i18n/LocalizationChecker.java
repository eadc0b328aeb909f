package io.rackdesk.i18n;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compares the UI text bundles with the code: keys used in Java ({@code lang("key")}) or FXML
 * ({@code %key}) but missing, keys a language lacks or has extra, placeholders that differ between
 * languages, and keys nothing mentions any more.
 */
final class LocalizationChecker {
    private static final Pattern LANG_CALL = Pattern.compile("\\blang\\(\\s*\"([^\"]+)\"");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([A-Za-z][A-Za-z0-9_]*(?:\\.[A-Za-z0-9_]+)+)\"");
    private static final Pattern FXML_KEY = Pattern.compile("\"%([A-Za-z0-9_.]+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

    private LocalizationChecker() {
    }

    /** Problems found, one line each; empty when the bundles and code agree. */
    static List<String> check(Path bundleDir, String baseName, List<String> locales, List<Path> codeRoots) {
        Properties base = load(bundleDir.resolve(baseName + ".properties"));
        Set<String> used = new TreeSet<>();
        Set<String> mentioned = new TreeSet<>();
        for (Path root : codeRoots) {
            for (Path file : files(root)) {
                String text = read(file);
                if (file.toString().endsWith(".java")) {
                    collect(LANG_CALL, text, used);
                    collect(STRING_LITERAL, text, mentioned);
                } else if (file.toString().endsWith(".fxml")) {
                    collect(FXML_KEY, text, used);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (String key : used) {
            if (!base.containsKey(key)) {
                problems.add("missing key '" + key + "' in " + baseName + ".properties (used in code)");
            }
        }
        for (String key : new TreeSet<>(base.stringPropertyNames())) {
            if (!used.contains(key) && !mentioned.contains(key)) {
                problems.add("unused key '" + key + "' in " + baseName + ".properties");
            }
        }
        for (String locale : locales) {
            String name = baseName + "_" + locale + ".properties";
            Properties other = load(bundleDir.resolve(name));
            for (String key : new TreeSet<>(base.stringPropertyNames())) {
                if (!other.containsKey(key)) {
                    problems.add("missing key '" + key + "' in " + name);
                } else if (!placeholders(base.getProperty(key)).equals(placeholders(other.getProperty(key)))) {
                    problems.add("placeholders of '" + key + "' differ in " + name + ": "
                            + placeholders(base.getProperty(key)) + " vs " + placeholders(other.getProperty(key)));
                }
            }
            for (String key : new TreeSet<>(other.stringPropertyNames())) {
                if (!base.containsKey(key)) {
                    problems.add("extra key '" + key + "' in " + name + " (not in " + baseName + ".properties)");
                }
            }
        }
        return problems;
    }

    private static Set<String> placeholders(String pattern) {
        Set<String> s = new TreeSet<>();
        collect(PLACEHOLDER, pattern, s);
        return s;
    }

    private static void collect(Pattern p, String text, Set<String> into) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return p;
    }

    private static List<Path> files(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

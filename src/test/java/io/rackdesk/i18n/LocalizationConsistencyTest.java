package io.rackdesk.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rackdesk.app.i18n.Localization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** English and Simplified Chinese carry the same keys, and every key is used. */
class LocalizationConsistencyTest {
    private static final Path BUNDLES = Path.of("resources/io/rackdesk/i18n");
    private static final List<Path> CODE = List.of(Path.of("app"), Path.of("viewmodels"), Path.of("views"), Path.of("resources"));

    @Test
    void bundlesAndCodeAgree() {
        List<String> problems = LocalizationChecker.check(BUNDLES, "messages", List.of("zh_CN"), CODE);
        assertEquals(List.of(), problems, String.join("\n", problems));
    }

    @Test
    void chineseBundleIsServedForChineseLocale() {
        Localization zh = new Localization(Locale.SIMPLIFIED_CHINESE);
        assertEquals("存储", zh.lang("nav.storage"));
        assertEquals("失败：timeout", zh.lang("connection.state.failed", "timeout"));
        Localization en = new Localization(Locale.ENGLISH);
        assertEquals("Failed: timeout", en.lang("connection.state.failed", "timeout"));
        assertEquals("14 VMs, 5 running", en.lang("vm.table.summary", 14, 5));
        assertEquals("1 VM, 1 running", en.lang("vm.table.summary", 1, 1));
    }

    @Test
    void checkerReportsMissingExtraUnusedAndPlaceholderProblems(@TempDir Path dir) throws IOException {
        Path bundles = Files.createDirectories(dir.resolve("i18n"));
        Files.writeString(bundles.resolve("m.properties"),
                "used.a=A\nused.b=B {0}\nnever.used=X\n", StandardCharsets.UTF_8);
        Files.writeString(bundles.resolve("m_zh_CN.properties"),
                "used.a=甲\nused.b=乙\nonly.chinese=丙\nnever.used=丁\n", StandardCharsets.UTF_8);
        Path code = Files.createDirectories(dir.resolve("code"));
        Files.writeString(code.resolve("Some.java"),
                "class Some { void f() { lang(\"used.a\"); lang(\"not.in.bundle\"); } }", StandardCharsets.UTF_8);
        Files.writeString(code.resolve("Some.fxml"), "<Label text=\"%used.b\"/>", StandardCharsets.UTF_8);

        List<String> problems = LocalizationChecker.check(bundles, "m", List.of("zh_CN"), List.of(code));

        assertTrue(problems.contains("missing key 'not.in.bundle' in m.properties (used in code)"), problems.toString());
        assertTrue(problems.contains("unused key 'never.used' in m.properties"), problems.toString());
        assertTrue(problems.contains("extra key 'only.chinese' in m_zh_CN.properties (not in m.properties)"), problems.toString());
        assertTrue(problems.contains("placeholders of 'used.b' differ in m_zh_CN.properties: [0] vs []"), problems.toString());
        assertEquals(4, problems.size(), problems.toString());
    }
}

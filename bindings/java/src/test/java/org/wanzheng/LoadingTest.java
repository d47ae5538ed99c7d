package org.wanzheng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 13 item 5: how the native library is found, and what a failed load says. */
class LoadingTest {
    @Test
    void theJarCarriesTheLibraryAsAJnaResource() {
        assertNotNull(Lib.class.getClassLoader().getResource(Lib.RESOURCE), Lib.RESOURCE);
        // The tests get no -Dwanzheng.library: the library came from the resource.
        assertEquals(null, System.getProperty(Lib.PROPERTY));
        assertEquals(Wanzheng.ABI_VERSION, Wanzheng.abiVersion());
    }

    @Test
    void theJarCarriesTheReferenceAndTheRegulations() {
        assertTrue(Wanzheng.reference().contains("register_project"));
        assertTrue(Wanzheng.regulation("wanzheng-2023-7").contains("第十五条"));
        assertTrue(Wanzheng.regulation("wanzhengban-2023-12").contains("第十三条"));
    }

    @Test
    void explainShowsTheArticlesOwnWords() {
        RuleExplanation e = Wanzheng.ruleExplanation("INV-35.3");
        assertEquals("第三十五条", e.article());
        assertEquals(35, e.articleNumber());
        assertTrue(e.articleText().contains(e.phrase()), e.toString());
        assertTrue(Wanzheng.regulation("wanzheng-2023-7").contains(e.phrase()), "the jar's text has the article's words");
        assertEquals("宛政〔2023〕7号 第三十五条", e.citationZh());
    }

    @Test
    void aFailedLoadGivesTheSameClearErrorOnEveryCall() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-D" + Lib.PROPERTY + "=/nonexistent/libwanzheng.so", LoadFailureMain.class.getName()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<String> lines = out.lines().toList();
        assertEquals(2, lines.size(), out);
        assertEquals(lines.get(0), lines.get(1), "the second call fails as the first");
        assertTrue(lines.get(0).startsWith(LibraryLoadException.class.getName() + ": "), out);
        assertTrue(lines.get(0).contains("-Dwanzheng.library="), out);
        assertTrue(lines.get(0).contains("/nonexistent/libwanzheng.so"), out);
    }
}

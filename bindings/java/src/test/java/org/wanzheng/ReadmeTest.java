package org.wanzheng;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 5: the READMEs' Java "approval screen" is the code of examples/java, which
 * scripts/test-java.sh compiles and runs against the installed jar — so the snippet compiles.
 */
class ReadmeTest {
    /** The lines between {@code // README:begin} and {@code // README:end}, de-indented. */
    static String snippet() throws IOException {
        Path p = Fixtures.root().resolve("examples/java/src/main/java/example/ApprovalScreen.java");
        String src = Files.readString(p, StandardCharsets.UTF_8);
        String begin = "// README:begin\n";
        int a = src.indexOf(begin);
        int b = src.indexOf("// README:end");
        assertTrue(a > 0 && b > a, "markers in " + p);
        String body = src.substring(a + begin.length(), src.lastIndexOf('\n', b) + 1);
        int indent = body.lines().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        body.lines().forEach(l -> out.append(l.length() >= indent ? l.substring(indent) : l.strip()).append('\n'));
        return out.toString();
    }

    @Test
    void theReadmesShowTheExampleThatMakeTestRuns() throws IOException {
        String code = "```java\n" + snippet() + "```\n";
        assertTrue(code.contains("permittedEvents") && code.contains(".apply("), code);
        for (String readme : new String[] {"README.md", "bindings/java/README.md"}) {
            String text = Files.readString(Fixtures.root().resolve(readme), StandardCharsets.UTF_8);
            assertTrue(text.contains(code), readme + " does not show examples/java's ApprovalScreen:\n" + code);
        }
    }
}

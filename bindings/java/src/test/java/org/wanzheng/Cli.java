package org.wanzheng;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI, the reference the examples are compared with. */
final class Cli {
    private Cli() {}

    static String run(Path cli, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(cli.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0 && rc != 1) {
            throw new IllegalStateException(cmd + " exited " + rc);
        }
        return out;
    }
}

package example;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.wanzheng.CheckReport;
import org.wanzheng.Command;
import org.wanzheng.Context;
import org.wanzheng.RuleViolationException;
import org.wanzheng.StreamReport;
import org.wanzheng.TransitionException;
import org.wanzheng.Wanzheng;
import org.wanzheng.Workspace;

/**
 * Replays project files (examples/investment/*.json, …) command by command through a
 * {@link Workspace} and prints, for each, the counts {@code wanzheng check --json} prints in its
 * summary; exits 1 when {@link Wanzheng#check} disagrees.
 */
public final class CheckExample {
    private CheckExample() {}

    public static void main(String[] args) throws IOException {
        int failures = 0;
        for (String arg : args) {
            Path file = Path.of(arg);
            String counts = replay(file);
            CheckReport r = Wanzheng.check(file);
            String check = "accepted " + r.accepted() + ", rejected " + r.rejected() + ", findings " + r.findings();
            System.out.println(arg + ": " + counts);
            if (!counts.equals(check)) {
                System.out.println(arg + ": Wanzheng.check gives " + check);
                failures++;
            }
        }
        if (failures > 0) {
            System.exit(1);
        }
    }

    /** Every command of the file from Java, through one workspace; the summary's counts. */
    static String replay(Path file) throws IOException {
        JsonObject doc = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        String config = doc.has("config") ? doc.get("config").toString() : null;
        int accepted = 0;
        int rejected = 0;
        int findings = 0;
        try (Context ctx = Context.of(config, null); Workspace ws = Workspace.create(ctx)) {
            LocalDate last = null;
            for (JsonElement c : doc.getAsJsonArray("commands")) {
                Command command = Command.parse(c.toString());
                last = LocalDate.parse(c.getAsJsonObject().get("date").getAsString());
                try {
                    ws.apply(command);
                    accepted++;
                } catch (RuleViolationException | TransitionException e) {
                    rejected++; // refused: e.ruleId(), e.article(), e.messageZh() say why
                }
            }
            LocalDate asOf = doc.has("as_of") ? LocalDate.parse(doc.get("as_of").getAsString()) : last;
            for (StreamReport s : ws.report(asOf)) {
                findings += s.findings().size();
            }
        }
        return "accepted " + accepted + ", rejected " + rejected + ", findings " + findings;
    }
}

package org.wanzheng;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The shared fixtures (tests/fixtures, schema in its README.md) and the repository's examples. */
final class Fixtures {
    private Fixtures() {}

    static Path dir() {
        return Path.of(System.getProperty("wanzheng.fixtures", "../../tests/fixtures"));
    }

    static Path root() {
        return Path.of(System.getProperty("wanzheng.root", "../.."));
    }

    static JsonObject load(Path p) {
        try {
            return JsonParser.parseString(Files.readString(p, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code .json} files of a directory, sorted. */
    static List<Path> files(Path d) {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under {@code d} (recursively) ending in {@code .json}, sorted. */
    static List<Path> walk(Path d) {
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The fixtures' matching (tests/fixtures/README.md): objects match when every expected key
     * matches; lists and scalars must be equal.
     */
    static boolean subset(JsonElement expected, JsonElement actual) {
        if (expected.isJsonObject()) {
            if (actual == null || !actual.isJsonObject()) {
                return false;
            }
            JsonObject a = actual.getAsJsonObject();
            for (Map.Entry<String, JsonElement> e : expected.getAsJsonObject().entrySet()) {
                if (!subset(e.getValue(), a.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isJsonNull()) {
            return actual == null || actual.isJsonNull();
        }
        return expected.equals(actual);
    }

    /** A context with a fixture's optional {@code config}. */
    static Context context(JsonObject doc) {
        JsonElement c = doc.get("config");
        return Context.of(c == null || c.isJsonNull() ? null : c.toString(), null);
    }
}

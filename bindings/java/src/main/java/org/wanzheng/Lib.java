package org.wanzheng;

import com.sun.jna.Library;
import java.io.File;
import java.io.IOException;
import java.util.Map;

/**
 * Loads the native library once per class loader. Where from, in order:
 *
 * <ol>
 *   <li>the system property {@value #PROPERTY} when set: a path ({@code /opt/wz/libwanzheng.so},
 *       cargo's {@code target/release/libwanzheng_ffi.so}) or a library name looked up by JNA;
 *   <li>the copy carried in this jar, the JNA resource {@value #RESOURCE};
 *   <li>{@code libwanzheng.so} on {@code jna.library.path} or the system's library path.
 * </ol>
 *
 * <p>A failed load is remembered: every call then throws the same {@link LibraryLoadException}
 * naming the property (never a {@code NoClassDefFoundError} on the second call).
 */
final class Lib {
    /** The system property naming the library to load. */
    static final String PROPERTY = "wanzheng.library";

    /** Where the jar carries the library (JNA's resource prefix for Linux x86-64). */
    static final String RESOURCE = "linux-x86-64/libwanzheng.so";

    private static final Map<String, ?> OPTIONS = Map.of(Library.OPTION_STRING_ENCODING, "UTF-8");

    /** Either the loaded {@link Native} or the failure's message. */
    private static final Object LOADED = load();

    private Lib() {}

    /** The library, or the load failure as a {@link LibraryLoadException} (the same on every call). */
    static Native get() {
        if (LOADED instanceof Native n) {
            return n;
        }
        throw new LibraryLoadException((String) LOADED);
    }

    private static Object load() {
        String property = System.getProperty(PROPERTY);
        Native lib;
        try {
            if (property != null && !property.isBlank()) {
                lib = com.sun.jna.Native.load(property, Native.class, OPTIONS);
            } else {
                lib = loadBundledOrSystem();
            }
        } catch (LinkageError | RuntimeException e) {
            return "wanzheng: cannot load the native library "
                    + (property != null ? "-D" + PROPERTY + "=" + property
                            : "(no " + RESOURCE + " in the jar for this platform, os.name="
                                    + System.getProperty("os.name") + " os.arch=" + System.getProperty("os.arch")
                                    + ", and no libwanzheng.so on jna.library.path or the system's library path)")
                    + ": " + firstLine(e.getMessage()) + ". Set the system property -D" + PROPERTY
                    + "=/path/to/libwanzheng.so (cargo builds it as target/release/libwanzheng_ffi.so).";
        }
        int abi;
        try {
            abi = lib.wz_abi_version();
        } catch (LinkageError | RuntimeException e) {
            return "wanzheng: the native library loaded has no wz_abi_version (" + firstLine(e.getMessage())
                    + "); set -D" + PROPERTY + "=/path/to/libwanzheng.so of this version";
        }
        if (abi != Wanzheng.ABI_VERSION) {
            return "wanzheng: the native library has ABI version " + abi + ", this jar needs "
                    + Wanzheng.ABI_VERSION + "; set -D" + PROPERTY + "=/path/to/libwanzheng.so of this version";
        }
        return lib;
    }

    /** JNA's messages list every path tried, over many lines: the first says what failed. */
    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static Native loadBundledOrSystem() {
        File bundled;
        try {
            bundled = com.sun.jna.Native.extractFromResourcePath("wanzheng", Lib.class.getClassLoader());
        } catch (IOException e) {
            bundled = null; // not in the jar (another platform, or classes without the resource)
        }
        if (bundled != null) {
            return com.sun.jna.Native.load(bundled.getAbsolutePath(), Native.class, OPTIONS);
        }
        return com.sun.jna.Native.load("wanzheng", Native.class, OPTIONS);
    }
}

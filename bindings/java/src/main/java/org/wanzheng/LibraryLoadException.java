package org.wanzheng;

/**
 * The native library could not be loaded (or is of another ABI version). Every call of the facade
 * throws it, with the same message, until the JVM is restarted with the system property
 * {@code -Dwanzheng.library=/path/to/libwanzheng.so} (or the jar for this platform).
 */
public final class LibraryLoadException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    LibraryLoadException(String message) {
        super(message);
    }
}

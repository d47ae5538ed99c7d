package org.wanzheng;

import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
import java.util.function.Consumer;

/** An owned handle of the C ABI: freed by {@link #close()}, or by the cleaner if never closed. */
abstract class Handle implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final Pointer pointer;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean closed;

    Handle(Pointer pointer, Consumer<Pointer> free) {
        this.pointer = pointer;
        this.cleanable = CLEANER.register(this, () -> free.accept(pointer));
    }

    /** The native pointer; throws when the handle was closed. */
    Pointer pointer() {
        if (closed) {
            throw new IllegalStateException(getClass().getSimpleName() + " is closed");
        }
        return pointer;
    }

    /** Frees the native object (once; later calls do nothing). */
    @Override
    public void close() {
        closed = true;
        cleanable.clean();
    }
}

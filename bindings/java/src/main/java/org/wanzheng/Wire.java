package org.wanzheng;

/**
 * A constant of the library's vocabulary (the Java enums generated from the core's JSON Schema by
 * {@code scripts/gen_java_enums.py}): its wire name is the library's own name for it.
 */
public interface Wire {
    /** The library's name, e.g. {@code project_unit}. */
    String wire();

    /**
     * The constant of {@code type} whose wire name is {@code wire}.
     *
     * @throws IllegalArgumentException naming the vocabulary when the library has no such name
     */
    static <E extends Enum<E> & Wire> E of(Class<E> type, String wire) {
        for (E e : type.getEnumConstants()) {
            if (e.wire().equals(wire)) {
                return e;
            }
        }
        throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + wire);
    }
}

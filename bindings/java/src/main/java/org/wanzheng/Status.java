package org.wanzheng;

/** The {@code wz_status} codes of the C ABI. */
public enum Status {
    /** Success. */
    OK(0),
    /** An invalid argument. */
    INVALID_ARGUMENT(1000),
    /** A NULL pointer argument. */
    NULL_ARGUMENT(1001),
    /** A handle of another kind. */
    WRONG_HANDLE(1002),
    /** A handle poisoned by an earlier internal error. */
    POISONED_HANDLE(1003),
    /** Malformed input. */
    MALFORMED_INPUT(2000),
    /** The regulation refused the act. */
    RULE_VIOLATION(3000),
    /** The event is not valid in the current state. */
    INVALID_TRANSITION(4000),
    /** An internal error of the library. */
    INTERNAL_ERROR(5000);

    /** The numeric code. */
    public final int code;

    Status(int code) {
        this.code = code;
    }

    /** The status of a code ({@link #INTERNAL_ERROR} for an unknown one). */
    public static Status of(int code) {
        for (Status s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return INTERNAL_ERROR;
    }
}

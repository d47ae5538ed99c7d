package org.wanzheng;

/**
 * One outcome of a judgment, or one reason on an approval screen: {@code kind} ({@code violation},
 * {@code default_breach}, {@code warning}, {@code finding}; on a screen also {@code transition},
 * {@code actor}, …), the rule ID, the detail, and — where the library gives them (errors, screens)
 * — the article and the Chinese and English messages (empty otherwise).
 */
public record Outcome(String kind, String rule, String detail, String article, String messageZh, String messageEn) {
    /** An outcome as a transition carries it (kind, rule, detail). */
    public Outcome(String kind, String rule, String detail) {
        this(kind, rule, detail, "", "", "");
    }

    /**
     * The kind as the library's vocabulary of outcomes ({@link OutcomeKind}); empty for a reason
     * of a screen only ({@code transition}, {@code actor}, …).
     */
    public java.util.Optional<OutcomeKind> outcomeKind() {
        for (OutcomeKind k : OutcomeKind.values()) {
            if (k.wire().equals(kind)) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}

package org.wanzheng;

import java.time.LocalDate;
import java.util.List;

/**
 * A compliance finding (RULES.md §5): its code ({@code F-INV-44.2}), rule, kind, detail, the log
 * entries it rests on, its date, its source ({@code stored}, {@code deadline}, …) and both messages.
 */
public record Finding(
        String code,
        String rule,
        String kind,
        String detail,
        List<Integer> seqs,
        LocalDate date,
        String source,
        String messageZh,
        String messageEn) {
    /** The kind as the library's vocabulary. */
    public OutcomeKind outcomeKind() {
        return OutcomeKind.of(kind);
    }

    /** The source as the library's vocabulary. */
    public FindingSource findingSource() {
        return FindingSource.of(source);
    }
}

package org.wanzheng;

import java.time.LocalDate;

/**
 * A duty with a deadline (RULES.md §3.4): opened by log entry {@code openedSeq} under {@code rule},
 * due on {@code due}; closed by {@code closedSeq} on {@code closed} (both null while open);
 * {@code provisional} when the deadline counts working days of a year without a State Council
 * notice.
 */
public record Obligation(
        int openedSeq,
        String rule,
        String duty,
        String subject,
        LocalDate opened,
        LocalDate due,
        Integer closedSeq,
        LocalDate closed,
        boolean provisional) {}

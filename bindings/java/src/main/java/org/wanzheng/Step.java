package org.wanzheng;

import java.time.LocalDate;

/**
 * One command of a batch or project file: its 1-based index, the stream ({@code inv/P1},
 * {@code plan/2024}), event and date, and either the transition or the rejection.
 */
public record Step(int index, String stream, String event, LocalDate date, Transition transition,
        WanzhengException error) {
    /** Whether the command was accepted. */
    public boolean accepted() {
        return error == null;
    }
}

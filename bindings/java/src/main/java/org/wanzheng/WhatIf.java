package org.wanzheng;

/**
 * A dry run's answer: the {@link Transition} the command would produce, or the rejection
 * ({@link RuleViolationException} with every outcome, or {@link TransitionException}) that
 * {@code apply} would throw — with nothing changed.
 */
public record WhatIf(Transition transition, WanzhengException rejection) {
    /** Whether {@code apply} would accept the command. */
    public boolean accepted() {
        return rejection == null;
    }
}

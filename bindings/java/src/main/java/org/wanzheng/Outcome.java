package org.wanzheng;

/** One outcome of a judgment: {@code violation}, {@code default_breach}, {@code warning} or {@code finding}. */
public record Outcome(String kind, String rule, String detail) {}

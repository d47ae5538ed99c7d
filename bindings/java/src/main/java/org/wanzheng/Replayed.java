package org.wanzheng;

/** A project rebuilt from its log, with the replay's report. */
public record Replayed<P>(P project, ReplayReport report) {}

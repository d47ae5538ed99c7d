package org.wanzheng;

import java.util.List;

/** What a replay found: the entries judged differently today (empty for an untouched log). */
public record ReplayReport(List<ReplayDifference> differences) {}

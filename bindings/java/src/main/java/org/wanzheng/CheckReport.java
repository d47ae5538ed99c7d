package org.wanzheng;

import java.time.LocalDate;
import java.util.List;

/**
 * The report of a project file checked as {@code wanzheng check --json} does: each step, each
 * stream as of {@code asOf}, and the counts. {@link #json()} is the library's JSON text.
 */
public record CheckReport(String name, LocalDate asOf, List<Step> steps, List<StreamReport> streams, int accepted,
        int rejected, int findings, String json) {}

package org.wanzheng;

import java.util.List;

/** One stream of a workspace report: its id ({@code inv/P1}), state, open obligations and findings. */
public record StreamReport(String stream, String state, List<Obligation> obligations, List<Finding> findings) {}

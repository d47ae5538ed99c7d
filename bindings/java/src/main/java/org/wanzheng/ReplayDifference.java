package org.wanzheng;

import java.util.List;

/**
 * A log entry that re-judging under today's context does not give as stored (INV-57): its
 * sequence number, the stored and the re-judged outcomes, and the target states when those differ
 * (null otherwise).
 */
public record ReplayDifference(
        int seq, List<Outcome> stored, List<Outcome> rejudged, String storedTransition, String rejudgedTransition) {}

package org.wanzheng;

import java.util.List;

/** The result of an accepted command. */
public record Transition(
        int seq,
        String machine,
        String event,
        String from,
        String to,
        List<String> rules,
        List<Outcome> outcomes,
        List<Integer> exceptionsUsed) {}

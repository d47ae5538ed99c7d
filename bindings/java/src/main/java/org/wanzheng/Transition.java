package org.wanzheng;

import java.util.List;

/**
 * The result of an accepted command (or of a dry run that would be accepted): the log sequence
 * number, the machine, event and states, the rules applied in order, the outcomes, the exceptions
 * used and the rule-parameter version that judged it ({@code ruleset}).
 */
public record Transition(
        int seq,
        String machine,
        String event,
        String from,
        String to,
        List<String> rules,
        List<Outcome> outcomes,
        List<Integer> exceptionsUsed,
        String ruleset) {
    /** The machine as the library's vocabulary. */
    public MachineId machineId() {
        return MachineId.of(machine);
    }
}

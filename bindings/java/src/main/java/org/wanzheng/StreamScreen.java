package org.wanzheng;

import java.util.List;

/** The screen of one stream ({@code machine}/{@code instance} in {@code state}): every event of its table, in table order. */
public record StreamScreen(String machine, String instance, String state, List<PermittedEvent> events) {
    /** The machine as the library's vocabulary. */
    public MachineId machineId() {
        return MachineId.of(machine);
    }

    /** The event named {@code event}. */
    public PermittedEvent event(String event) {
        return events.stream().filter(e -> e.event().equals(event)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event " + event + " on " + machine));
    }

    /** The names of the events allowed now, in table order. */
    public List<String> allowed() {
        return events.stream().filter(PermittedEvent::allowed).map(PermittedEvent::event).toList();
    }
}

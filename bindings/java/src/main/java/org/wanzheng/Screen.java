package org.wanzheng;

import java.time.LocalDate;
import java.util.List;

/**
 * What may happen next (issue 13): as of a date, for an actor (null: any actor), every stream's
 * events with what allows or blocks them. {@link #json()} is the library's JSON, identical on
 * every surface (Rust, C, Python, CLI {@code wanzheng next --json}).
 */
public record Screen(LocalDate asOf, String actor, List<StreamScreen> streams, String json) {
    /** The stream of {@code machine} and {@code instance}. */
    public StreamScreen stream(String machine, String instance) {
        return streams.stream().filter(s -> s.machine().equals(machine) && s.instance().equals(instance))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no stream " + machine + "/" + instance));
    }
}

package org.wanzheng;

import java.util.List;

/**
 * One button of an approval screen: an event of the stream's machine, the actors who may perform
 * it, the states it may lead to, whether it is allowed now, and if not the {@code blockers} that
 * do not depend on the event's own facts (state, actor, stage gate, window, …; in trace order),
 * the {@code cautions} it would raise (findings, warnings), and the obligations it would discharge.
 */
public record PermittedEvent(
        String event,
        List<String> actors,
        List<String> to,
        boolean allowed,
        List<Outcome> blockers,
        List<Outcome> cautions,
        List<Obligation> discharges) {
    /** The actors as the library's vocabulary. */
    public List<Actor> actorIds() {
        return actors.stream().map(Actor::of).toList();
    }
}

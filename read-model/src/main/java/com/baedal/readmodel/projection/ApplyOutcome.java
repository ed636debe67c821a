package com.baedal.readmodel.projection;

import com.baedal.contract.event.OrderEvent;
import java.util.List;

/** What {@link OrderProjection#apply} did with one event (and with the parked successors it unblocked). */
public record ApplyOutcome(Kind kind, List<OrderEvent> applied) {

    public enum Kind {
        /** The event (and possibly parked successors, all listed in {@code applied}) changed the projection. */
        APPLIED,
        /** Already applied or already parked: nothing changed. */
        DUPLICATE,
        /** Its predecessor has not arrived yet: kept in {@code pending_event}. */
        PARKED
    }

    static ApplyOutcome duplicate() {
        return new ApplyOutcome(Kind.DUPLICATE, List.of());
    }

    static ApplyOutcome parked() {
        return new ApplyOutcome(Kind.PARKED, List.of());
    }
}

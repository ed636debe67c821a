package com.baedal.engine.order;

import com.baedal.contract.event.OrderEventData;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The order being placed on this thread, while its process starts: the placement priced it and holds everything its
 * OrderPlaced event tells, so the event is built from that (by {@code camunda.OrderEventParseListener}, in the
 * placing transaction) instead of reading the row just written back and parsing its JSON again. It is a hand-over
 * between two frames of one call, not a cache: set only around the process start, removed when it returns or fails.
 */
public final class OrderInHand {

    private record Placing(String orderId, OrderEventData.OrderPlaced placed) {
    }

    private static final ThreadLocal<Placing> PLACING = new ThreadLocal<>();

    private OrderInHand() {
    }

    /** Runs {@code start} (the start of order {@code orderId}'s process) with the order in hand. */
    public static <T> T whileStarting(String orderId, OrderEventData.OrderPlaced placed, Supplier<T> start) {
        Placing outer = PLACING.get();
        PLACING.set(new Placing(orderId, placed));
        try {
            return start.get();
        } finally {
            if (outer == null) {
                PLACING.remove();
            } else {
                PLACING.set(outer);
            }
        }
    }

    /** The OrderPlaced data of {@code orderId} when its process is being started by its placement here. */
    public static Optional<OrderEventData.OrderPlaced> placed(String orderId) {
        Placing placing = PLACING.get();
        return placing != null && placing.orderId().equals(orderId) ? Optional.of(placing.placed())
                : Optional.empty();
    }
}

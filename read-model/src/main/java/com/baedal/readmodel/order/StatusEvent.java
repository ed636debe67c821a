package com.baedal.readmodel.order;

import com.baedal.contract.OrderStatus;
import java.time.Instant;

/** Data of a {@code status} event of the order stream. */
public record StatusEvent(String orderId, OrderStatus status, Instant at) {
}

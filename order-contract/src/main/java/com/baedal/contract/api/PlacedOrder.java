package com.baedal.contract.api;

import com.baedal.contract.OrderStatus;

/**
 * The answer of {@code POST /api/orders} (engine): the new order's id and total; {@code status} is always PLACED,
 * also when an idempotent call is replayed.
 */
public record PlacedOrder(String orderId, OrderStatus status, long total) {
}

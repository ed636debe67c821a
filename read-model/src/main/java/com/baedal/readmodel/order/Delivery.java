package com.baedal.readmodel.order;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An order waiting for a rider ({@code GET /api/deliveries}): where to pick it up, where it goes, since when it is
 * ready, and how far the store is when the rider sent a position ({@code distanceMeters}, else null).
 */
public record Delivery(String orderId, String storeId, String storeName, Double storeLat, Double storeLon,
                       JsonNode items, long total, JsonNode deliveryAddress, Instant readyAt, Long distanceMeters) {
}

package com.baedal.contract.event;

import java.util.List;

/** The {@code data} of each {@link OrderEventType}. Amounts are KRW. */
public final class OrderEventData {

    private OrderEventData() {
    }

    /** OrderPlaced carries the whole order. */
    public record OrderPlaced(String customerId, String storeId, String storeName, String region, List<Item> items,
                              long total, DeliveryAddress deliveryAddress, String paymentMethod,
                              Double storeLat, Double storeLon) {
    }

    public record Item(String menuItemId, String name, long price, int quantity, long lineTotal) {
    }

    public record DeliveryAddress(String region, String street, Double lat, Double lon) {
    }

    public record PaymentApproved(long amount) {
    }

    public record PaymentDeclined(long amount) {
    }

    public record OrderAccepted() {
    }

    public record OrderRejected(String reason) {
    }

    public record CookingStarted() {
    }

    public record CookingFinished() {
    }

    public record OrderPickedUp(String riderId) {
    }

    public record OrderDelivered(String riderId) {
    }

    public record OrderCancelled() {
    }

    public record PaymentRefunded(long amount) {
    }

    public record RiderSearchEscalated(String region, List<String> notifiedRegions) {
    }
}

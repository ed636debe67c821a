package com.baedal.engine.order;

import com.baedal.contract.event.OrderEventData;
import java.util.List;

/** An order about to be placed, priced from the menu: all its OrderPlaced event tells, and what its process needs. */
record NewOrder(String orderId, String orderNumber, String customerId, String storeId, String storeName,
                String storeAddress, Double storeLat, Double storeLon, String region,
                List<OrderEventData.Item> items, String itemsSummary, long total,
                OrderEventData.DeliveryAddress deliveryAddress, String deliveryAddressText, String paymentMethod,
                String cardToken, String idempotencyKey, String requestHash) {

    /** The order as its OrderPlaced event tells it. */
    OrderEventData.OrderPlaced placed() {
        return new OrderEventData.OrderPlaced(customerId, storeId, storeName, region, items, total, deliveryAddress,
                paymentMethod, storeLat, storeLon);
    }
}

package com.baedal.engine.order;

/** An order about to be placed, priced from the menu. */
record NewOrder(String orderId, String orderNumber, String customerId, String storeId, String storeName,
                String storeAddress, String region, String itemsJson, String itemsSummary, long total,
                String deliveryAddressJson, String deliveryAddressText, String paymentMethod, String cardToken,
                String idempotencyKey, String requestHash) {
}

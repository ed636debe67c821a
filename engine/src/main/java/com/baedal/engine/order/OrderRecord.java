package com.baedal.engine.order;

/** The command-side row of an order: what commands need to check ownership and find the process. */
record OrderRecord(String orderId, String customerId, String storeId, String region, long total,
                   String processInstanceId, String requestHash) {
}

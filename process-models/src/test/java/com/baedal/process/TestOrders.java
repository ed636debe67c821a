package com.baedal.process;

import static com.baedal.process.OrderProcess.*;

import com.baedal.contract.OrderNumber;
import java.util.HashMap;
import java.util.Map;

/** The variables an order starts the process with, as the engine's placement sets them; for the process tests. */
final class TestOrders {

    private TestOrders() {
    }

    static Map<String, Object> startVariables(String orderId, String storeId, String region, long total) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(VAR_ORDER_ID, orderId);
        variables.put(VAR_ORDER_NUMBER, OrderNumber.of(orderId));
        variables.put(VAR_CUSTOMER_ID, "customer-1");
        variables.put(VAR_STORE_ID, storeId);
        variables.put(VAR_STORE_NAME, "Chicken Palace");
        variables.put(VAR_STORE_ADDRESS, "Gangnam-daero 396 (gangnam)");
        variables.put(VAR_REGION, region);
        variables.put(VAR_ITEMS_SUMMARY, "2 x Fried chicken, 1 x Cola");
        variables.put(VAR_TOTAL, total);
        variables.put(VAR_DELIVERY_ADDRESS, "Teheran-ro 1, gangnam");
        variables.put(VAR_PAYMENT_METHOD, "CARD");
        variables.put(VAR_PAYMENT_CREDENTIAL, "sealed-credential");
        variables.put(VAR_STORE_ANSWER_TIMEOUT, DEFAULT_STORE_ANSWER_TIMEOUT);
        variables.put(VAR_RIDER_SEARCH_TIMEOUT, DEFAULT_RIDER_SEARCH_TIMEOUT);
        return variables;
    }
}

package com.baedal.engine.support;

import static com.baedal.process.OrderProcess.*;

import com.baedal.contract.OrderNumber;
import com.baedal.contract.event.OrderEventData;
import com.baedal.engine.order.OrderInHand;
import com.baedal.contract.PaymentStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Starts order-delivery instances directly on the engine, the way the order command API would. */
public final class OrderFixtures {

    public static final String TEST_WORKER = "it-worker";

    private OrderFixtures() {
    }

    public record StartedOrder(String orderId, String orderNumber, String processInstanceId) {
    }

    /**
     * Records the order row (as the order command API does before it starts the process: the OrderPlaced event
     * reads it) and starts its process.
     */
    public static StartedOrder startOrder(RuntimeService runtime, JdbcClient jdbc, String storeId, String storeName,
                                          String region) {
        String orderId = UUID.randomUUID().toString();
        jdbc.sql("""
                        insert into baedal.customer_order (order_id, customer_id, store_id, region, items, total,
                            delivery_address, payment_method)
                        values (:orderId, 'customer-it', :storeId, :region, cast(:items as jsonb), 43000,
                            cast(:address as jsonb), 'CARD')
                        """)
                .param("orderId", UUID.fromString(orderId))
                .param("storeId", storeId)
                .param("region", region)
                .param("items", "[{\"menuItemId\":\"it-item\",\"name\":\"Fried chicken\",\"price\":21500,"
                        + "\"quantity\":2,\"lineTotal\":43000}]")
                .param("address", "{\"region\":\"" + region + "\",\"street\":\"12 Teheran-ro\"}")
                .update();
        String orderNumber = OrderNumber.of(orderId);
        Map<String, Object> variables = new HashMap<>();
        variables.put(VAR_ORDER_ID, orderId);
        variables.put(VAR_ORDER_NUMBER, orderNumber);
        variables.put(VAR_CUSTOMER_ID, "customer-it");
        variables.put(VAR_STORE_ID, storeId);
        variables.put(VAR_STORE_NAME, storeName);
        variables.put(VAR_STORE_ADDRESS, "Gangnam-daero 396 (" + region + ")");
        variables.put(VAR_REGION, region);
        variables.put(VAR_ITEMS_SUMMARY, "2 x Fried chicken, 1 x Cola 1.25 L");
        variables.put(VAR_TOTAL, 43000L);
        variables.put(VAR_DELIVERY_ADDRESS, "12 Teheran-ro, " + region);
        variables.put(VAR_PAYMENT_METHOD, "CARD");
        variables.put(VAR_PAYMENT_CREDENTIAL, "sealed-credential-of-" + orderId);
        variables.put(VAR_STORE_ANSWER_TIMEOUT, DEFAULT_STORE_ANSWER_TIMEOUT);
        variables.put(VAR_RIDER_SEARCH_TIMEOUT, DEFAULT_RIDER_SEARCH_TIMEOUT);
        // what the placement would have in hand for the OrderPlaced event (the store's coordinates from the catalog)
        Map<String, Object> store = jdbc.sql("select lat, lon from baedal.store where store_id = ?").param(storeId)
                .query().singleRow();
        OrderEventData.OrderPlaced placed = new OrderEventData.OrderPlaced("customer-it", storeId, storeName, region,
                List.of(new OrderEventData.Item("it-item", "Fried chicken", 21500, 2, 43000)), 43000,
                new OrderEventData.DeliveryAddress(region, "12 Teheran-ro", null, null), "CARD",
                store.get("lat") == null ? null : ((Number) store.get("lat")).doubleValue(),
                store.get("lon") == null ? null : ((Number) store.get("lon")).doubleValue());
        ProcessInstance instance = OrderInHand.whileStarting(orderId, placed,
                () -> runtime.startProcessInstanceByKey(PROCESS_KEY, orderId, variables));
        jdbc.sql("update baedal.customer_order set process_instance_id = :pid where order_id = :orderId")
                .param("pid", instance.getId())
                .param("orderId", UUID.fromString(orderId))
                .update();
        return new StartedOrder(orderId, orderNumber, instance.getId());
    }

    /** Completes the order's charge external task as an approving payment worker would. */
    public static void completeCharge(ExternalTaskService externalTasks, StartedOrder order) {
        List<LockedExternalTask> locked = Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> externalTasks.fetchAndLock(1, TEST_WORKER)
                        .topic(TOPIC_PAYMENT_CHARGE, 60_000).businessKey(order.orderId()).execute(),
                        tasks -> !tasks.isEmpty());
        externalTasks.complete(locked.get(0).getId(), TEST_WORKER,
                Map.of(VAR_PAYMENT_STATUS, PaymentStatus.APPROVED.name()));
    }

    /** Waits for the order's open user task with that definition key. */
    public static Task awaitTask(TaskService tasks, StartedOrder order, String taskDefinitionKey) {
        return Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> tasks.createTaskQuery().processInstanceId(order.processInstanceId())
                        .taskDefinitionKey(taskDefinitionKey).singleResult(), task -> task != null);
    }
}

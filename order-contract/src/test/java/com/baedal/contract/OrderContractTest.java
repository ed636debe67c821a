package com.baedal.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.contract.event.OrderEvent;
import com.baedal.contract.event.OrderEventData;
import com.baedal.contract.event.OrderEventType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the parts of the order contract in step, as {@code OrderProcessContractTest} does for the BPMN: every event
 * type has its data record and every data record its type, every status is reached by an event, and an event
 * survives the trip through JSON that it makes on Kafka.
 */
class OrderContractTest {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    @Test
    void everyEventTypeHasADataRecordOfItsNameAndNoRecordIsWithoutAType() {
        Set<String> types = Arrays.stream(OrderEventType.values()).map(Enum::name).collect(Collectors.toSet());
        Set<String> records = Arrays.stream(OrderEventData.class.getDeclaredClasses())
                .filter(Class::isRecord).map(Class::getSimpleName).collect(Collectors.toSet());
        // Item and DeliveryAddress are parts of OrderPlaced, not events
        assertThat(records).containsAll(types);
        assertThat(records).containsExactlyInAnyOrderElementsOf(
                concat(types, List.of("Item", "DeliveryAddress")));
    }

    @Test
    void everyStatusIsReachedByExactlyOneEventTypeAndTheFinalOnesAreTheSpecs() {
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(Arrays.stream(OrderEventType.values()).filter(type -> type.status().orElse(null) == status))
                    .as(status.name()).hasSize(1);
        }
        assertThat(EnumSet.allOf(OrderStatus.class).stream().filter(OrderStatus::isFinal))
                .containsExactlyInAnyOrder(OrderStatus.DELIVERED, OrderStatus.REJECTED, OrderStatus.CANCELLED,
                        OrderStatus.PAYMENT_FAILED);
    }

    @Test
    void anEventTravelsAsJsonAndComesBackTheSame() throws Exception {
        OrderEventData.OrderPlaced placed = new OrderEventData.OrderPlaced("customer-1", "chicken-gangnam",
                "Gangnam Chicken", "gangnam",
                List.of(new OrderEventData.Item("fried-chicken", "Fried chicken", 18000, 2, 36000)), 36000,
                new OrderEventData.DeliveryAddress("gangnam", "Teheran-ro 123", 37.5, 127.03), "CARD", 37.49, 127.02);
        OrderEvent event = new OrderEvent(UUID.randomUUID(), OrderEventType.OrderPlaced,
                "7af22352-1c0e-4f3b-9a51-0c1d2e3f4a5b", 1, Instant.parse("2026-11-24T10:15:30.123Z"),
                JSON.valueToTree(placed));

        String text = JSON.writeValueAsString(event);
        OrderEvent back = JSON.readValue(text, OrderEvent.class);

        assertThat(text).contains("\"type\":\"OrderPlaced\"", "\"orderId\":\"7af22352-");
        assertThat(back).usingRecursiveComparison().ignoringFields("data").isEqualTo(event);
        assertThat(JSON.treeToValue(back.data(), OrderEventData.OrderPlaced.class)).isEqualTo(placed);
        assertThat(OrderEvent.DEAD_LETTER_TOPIC).startsWith(OrderEvent.TOPIC);
    }

    private static Set<String> concat(Set<String> a, List<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}

package com.baedal.readmodel.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baedal.contract.event.OrderEvent;
import com.baedal.contract.event.OrderEventData;
import com.baedal.contract.event.OrderEventType;
import com.baedal.readmodel.support.TestOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

class OrderEventReaderTest {

    private final ObjectMapper json = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private final OrderEventReader reader = new OrderEventReader(json);
    private final TestOrder order = new TestOrder(json, "cust-1", "store-1", "gangnam");

    private String write(OrderEvent event) throws Exception {
        return json.writeValueAsString(event);
    }

    @Test
    void readsAnEventAsTheEngineWritesIt() throws Exception {
        OrderEvent placed = order.placed();
        String value = write(placed);
        assertThat(value).contains("\"occurredAt\":\"" + order.at(1) + "\"");

        OrderEvent read = reader.read(order.orderId, value);

        assertThat(read).usingRecursiveComparison().ignoringFields("data").isEqualTo(placed);
        assertThat(read.data().toString()).isEqualTo(placed.data().toString());
        assertThat(reader.data(read, OrderEventData.OrderPlaced.class).items()).hasSize(2);
        assertThat(reader.read(null, value).eventId()).isEqualTo(placed.eventId()); // key is optional
    }

    @Test
    void rejectsWhatIsNotAnOrderEvent() throws Exception {
        String placed = write(order.placed());
        assertInvalid(null, "empty record value");
        assertInvalid("  ", "empty record value");
        assertInvalid("this is { not json", "not an order event");
        assertInvalid("[1,2]", "not an order event");
        assertInvalid(placed.replace("\"OrderPlaced\"", "\"OrderTeleported\""), "not an order event");
        assertInvalid(placed.replace("\"orderId\":\"" + order.orderId + "\",", ""), "orderId is missing");
        assertInvalid(placed.replace("\"sequence\":1", "\"sequence\":0"), "sequence");
        assertInvalid(placed.replace("\"sequence\":1", "\"sequence\":2"), "OrderPlaced must be the event with");
        assertInvalid(placed.replace("\"customerId\":\"cust-1\",", ""), "customerId is missing");
        assertInvalid(placed.replaceAll("\"eventId\":\"[^\"]+\",", ""), "eventId is missing");
        assertInvalid(placed.replaceAll("\"occurredAt\":\"[^\"]+\",", ""), "occurredAt is missing");
        assertThatThrownBy(() -> reader.read("another-order", placed)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("is not the orderId");
    }

    @Test
    void checksTheDataEachTypeNeeds() throws Exception {
        assertInvalid(write(order.event(OrderEventType.PaymentApproved, 2, null)), "amount is missing");
        assertInvalid(write(order.event(OrderEventType.OrderPickedUp, 7, new OrderEventData.OrderPickedUp(" "))),
                "riderId is missing");
        assertInvalid(write(order.event(OrderEventType.OrderAccepted, 1, null)), "OrderPlaced must be the event");
        assertThat(reader.read(order.orderId, write(order.event(OrderEventType.OrderAccepted, 3, null))).type())
                .isEqualTo(OrderEventType.OrderAccepted);
    }

    private void assertInvalid(String value, String message) {
        assertThatThrownBy(() -> reader.read(order.orderId, value)).isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(message);
    }
}

package com.baedal.contract.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.contract.OrderStatus;
import com.baedal.contract.PaymentStatus;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The API's typed answers read what the services write (samples as SPEC §5 shows them), as a tolerant client. */
class ApiContractTest {

    private static final ObjectMapper CLIENT = JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Test
    void thePlacementsAnswer() throws Exception {
        PlacedOrder placed = CLIENT.readValue("""
                {"orderId": "0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11", "status": "PLACED", "total": 41000}""",
                PlacedOrder.class);
        assertThat(placed).isEqualTo(new PlacedOrder("0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11", OrderStatus.PLACED,
                41000));
    }

    @Test
    void aCommandsAnswerIsAStatusOrCancelRequested() throws Exception {
        assertThat(CLIENT.readValue("{\"orderId\": \"o-1\", \"status\": \"ACCEPTED\"}", StepResult.class))
                .isEqualTo(new StepResult("o-1", OrderStatus.ACCEPTED));
        assertThat(CLIENT.writeValueAsString(new StepResult("o-1", StepResult.CANCEL_REQUESTED)))
                .isEqualTo("{\"orderId\":\"o-1\",\"status\":\"CANCEL_REQUESTED\"}");
    }

    @Test
    void theOrderViewAndAFieldItDoesNotKnow() throws Exception {
        OrderView view = CLIENT.readValue("""
                {"orderId": "o-1", "customerId": "c-1", "storeId": "chicken-gangnam", "status": "PAID",
                 "total": 43000, "items": [{"menuItemId": "fried-chicken", "quantity": 2}],
                 "deliveryAddress": {"region": "gangnam", "street": "Teheran-ro 123"},
                 "payment": {"status": "APPROVED", "amount": 43000, "cancelled": false}, "riderId": null,
                 "history": [{"status": "PLACED", "at": "2026-12-01T10:00:00Z"},
                             {"status": "PAID", "at": "2026-12-01T10:00:01Z"}],
                 "updatedAt": "2026-12-01T10:00:01Z", "addedLater": true}""", OrderView.class);
        assertThat(view.status()).isEqualTo(OrderStatus.PAID);
        assertThat(view.payment()).isEqualTo(new OrderView.Payment(PaymentStatus.APPROVED, 43000L, false));
        assertThat(view.history()).extracting(OrderView.StatusChange::status)
                .containsExactly(OrderStatus.PLACED, OrderStatus.PAID);
        assertThat(view.updatedAt()).isEqualTo(Instant.parse("2026-12-01T10:00:01Z"));
        assertThat(view.items().get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(view.deliveryAddress().path("region").asText()).isEqualTo("gangnam");
    }
}

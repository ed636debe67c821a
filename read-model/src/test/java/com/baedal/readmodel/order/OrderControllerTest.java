package com.baedal.readmodel.order;

import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.baedal.contract.OrderStatus;
import com.baedal.contract.PaymentStatus;
import com.baedal.contract.Role;
import com.baedal.readmodel.ReadModelProperties;
import com.baedal.readmodel.security.SecurityConfig;
import com.baedal.support.security.Caller;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebMvcTest(controllers = OrderController.class, properties =
        "baedal.security.jwt.secret=slice-test-secret-0123456789abcdef0123456789")
@Import(SecurityConfig.class)
@EnableConfigurationProperties(ReadModelProperties.class)
class OrderControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    OrderQueries queries;
    @MockitoBean
    OrderStreamHub streams;

    private static final String O1 = "0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11";
    private static final OrderView VIEW = new OrderView(O1, "cust-1", "store-1", OrderStatus.PAID, 38000,
            JsonNodeFactory.instance.arrayNode(), JsonNodeFactory.instance.objectNode().put("street", "x"),
            new OrderView.Payment(PaymentStatus.APPROVED, 38000L, false), null,
            List.of(new OrderView.StatusChange(OrderStatus.PLACED, Instant.parse("2026-11-24T10:15:30.123Z")),
                    new OrderView.StatusChange(OrderStatus.PAID, Instant.parse("2026-11-24T10:15:31Z"))),
            Instant.parse("2026-11-24T10:15:31Z"), "gangnam");

    private static JwtRequestPostProcessor as(String sub, Role role, String storeId, String region) {
        return jwt().jwt(token -> {
            token.subject(sub).claim(Caller.CLAIM_ROLE, role.name());
            if (storeId != null) {
                token.claim(Caller.CLAIM_STORE_ID, storeId);
            }
            if (region != null) {
                token.claim(Caller.CLAIM_REGION, region);
            }
        });
    }

    @Test
    void viewHasTheSpecShape() throws Exception {
        when(queries.find(O1)).thenReturn(Optional.of(VIEW));
        mvc.perform(get("/api/orders/" + O1).with(as("cust-1", Role.CUSTOMER, null, null)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderId").value(O1))
                .andExpect(jsonPath("$.status").value("PAID"))
                .andExpect(jsonPath("$.payment.status").value("APPROVED"))
                .andExpect(jsonPath("$.payment.amount").value(38000))
                .andExpect(jsonPath("$.payment.cancelled").value(false))
                .andExpect(jsonPath("$.history[0].status").value("PLACED"))
                .andExpect(jsonPath("$.history[0].at").value("2026-11-24T10:15:30.123Z"))
                .andExpect(jsonPath("$.updatedAt").value("2026-11-24T10:15:31Z"))
                .andExpect(jsonPath("$.riderId").isEmpty())
                .andExpect(jsonPath("$.region").doesNotExist());
    }

    @Test
    void someoneElsesOrderIsNotFound() throws Exception {
        when(queries.find(O1)).thenReturn(Optional.of(VIEW));
        mvc.perform(get("/api/orders/" + O1).with(as("cust-2", Role.CUSTOMER, null, null)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404));
        mvc.perform(get("/api/orders/" + O1 + "/stream").with(as("r", Role.RIDER, null, "gangnam")))
                .andExpect(status().isNotFound());
        verifyNoInteractions(streams);
    }

    @Test
    void listChecksCallerAndPaging() throws Exception {
        when(queries.byCustomer(eq("cust-1"), anyInt(), anyInt())).thenReturn(new OrderPage(List.of(VIEW), 0, 20, 1));
        mvc.perform(get("/api/orders").with(as("cust-1", Role.CUSTOMER, null, null)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.totalElements").value(1))
                .andExpect(jsonPath("$.content[0].orderId").value(O1));
        verify(queries).byCustomer("cust-1", 0, 20);
        mvc.perform(get("/api/orders?customerId=cust-2").with(as("cust-1", Role.CUSTOMER, null, null)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/orders?size=0").with(as("cust-1", Role.CUSTOMER, null, null)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/orders?size=x").with(as("cust-1", Role.CUSTOMER, null, null)))
                .andExpect(status().isBadRequest());
    }

    @Test
    void storeBoardAndDeliveriesCheckTheCaller() throws Exception {
        when(queries.byStore(eq("store-1"), eq(OrderStatus.PAID), anyInt(), anyInt()))
                .thenReturn(new OrderPage(List.of(VIEW), 0, 100, 1));
        mvc.perform(get("/api/stores/store-1/orders?status=PAID").with(as("o", Role.STORE_OWNER, "store-1", null)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.content[0].orderId").value(O1));
        mvc.perform(get("/api/stores/store-1/orders").with(as("o", Role.STORE_OWNER, "store-2", null)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/deliveries?region=mapo").with(as("r", Role.RIDER, null, "gangnam")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/deliveries?region=gangnam&lon=1").with(as("r", Role.RIDER, null, "gangnam")))
                .andExpect(status().isBadRequest());
        when(queries.deliveries(eq("gangnam"), any(), any())).thenReturn(List.of());
        mvc.perform(get("/api/deliveries").with(as("r", Role.RIDER, null, "gangnam")))
                .andExpect(status().isOk()).andExpect(jsonPath("$").isArray());
        verify(queries).deliveries("gangnam", null, null);
    }

    @Test
    void hostileParametersAre400ProblemsAndNeverAQuery() throws Exception {
        JwtRequestPostProcessor customer = as("cust-1", Role.CUSTOMER, null, null);
        JwtRequestPostProcessor operator = as("ops", Role.OPERATOR, null, null);
        assertBadRequest(get("/api/orders/not-a-uuid").with(customer), "orderId");
        assertBadRequest(get("/api/orders/" + O1 + "x/stream").with(customer), "orderId");
        assertBadRequest(get("/api/orders").param("customerId", "c".repeat(256)).with(operator), "customerId");
        assertBadRequest(get("/api/orders").param("customerId", "cust\u0000-1").with(operator), null);
        assertBadRequest(get("/api/orders").param("page", "99999999999").with(customer), "page");
        assertBadRequest(get("/api/orders").param("page", "-1").with(customer), "page");
        assertBadRequest(get("/api/orders").param("size", "101").with(customer), "size");
        assertBadRequest(get("/api/stores/store-1/orders").param("status", "EATEN")
                .with(as("o", Role.STORE_OWNER, "store-1", null)), "status");
        assertBadRequest(get("/api/stores/{storeId}/orders", "store\u0007-1")
                .with(as("o", Role.STORE_OWNER, "store\u0007-1", null)), null);
        assertBadRequest(get("/api/deliveries").param("region", "gang\u001bnam")
                .with(as("r", Role.RIDER, null, "gang\u001bnam")), null);
        assertBadRequest(get("/api/deliveries").param("lat", "NaN").param("lon", "1")
                .with(as("r", Role.RIDER, null, "gangnam")), "lat");
        assertBadRequest(get("/api/orders/" + O1 + "/stream").header(OrderController.LAST_EVENT_ID, "12; drop")
                .with(customer), OrderController.LAST_EVENT_ID);
        verifyNoInteractions(queries, streams);
    }

    private void assertBadRequest(MockHttpServletRequestBuilder request, String field) throws Exception {
        var result = mvc.perform(request)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(startsWith("https://baedal.example/problems/")));
        if (field != null) {
            result.andExpect(jsonPath("$.errors[?(@.field == '" + field + "')]").exists());
        }
    }

    @Test
    void anonymousAndWritesAreRefused() throws Exception {
        mvc.perform(get("/api/orders/" + O1))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/orders").with(as("cust-1", Role.CUSTOMER, null, null)))
                .andExpect(status().isForbidden());
        verifyNoInteractions(queries);
    }
}

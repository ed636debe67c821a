package com.baedal.engine.order;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.baedal.engine.security.SecurityConfig;
import com.baedal.process.OrderStatus;
import com.baedal.process.Role;
import com.baedal.support.security.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Web slice of the order commands: routing, JSON shapes, validation and how refusals map to HTTP. */
@WebMvcTest(OrderController.class)
@Import(SecurityConfig.class)
class OrderControllerTest {

    private static final String VALID_ORDER = """
            {"storeId":"chicken-gangnam","items":[{"menuItemId":"fried-chicken","quantity":2}],
             "deliveryAddress":{"region":"gangnam","street":"Teheran-ro 152"},
             "payment":{"method":"CARD","cardToken":"tok_visa"}}
            """;

    @Autowired MockMvc mvc;
    @MockitoBean OrderPlacement placement;
    @MockitoBean OrderSteps steps;
    @MockitoBean JwtDecoder jwtDecoder;

    @Test
    void placementAnswers201WithLocationAndPassesTheIdempotencyKey() throws Exception {
        Caller kim = new Caller("kim", Role.CUSTOMER, null, null);
        given(placement.place(eq(kim), any(), eq("key-1")))
                .willReturn(new OrderPlacement.Placed("o-1", OrderStatus.PLACED, 36000));

        mvc.perform(json(post("/api/orders"), VALID_ORDER).header("Idempotency-Key", "key-1")
                        .with(jwt().jwt(j -> j.subject("kim").claim("role", "CUSTOMER"))))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/orders/o-1"))
                .andExpect(jsonPath("$.orderId").value("o-1"))
                .andExpect(jsonPath("$.status").value("PLACED"))
                .andExpect(jsonPath("$.total").value(36000));
    }

    @Test
    void invalidOrderIs400WithEveryFieldErrorAndNeverReachesThePlacement() throws Exception {
        mvc.perform(json(post("/api/orders"), """
                        {"storeId":"","items":[{"menuItemId":"x","quantity":0}],
                         "deliveryAddress":{"region":"gangnam","street":"s","lat":91},
                         "payment":{"method":"CASH"}}
                        """).with(jwt().jwt(j -> j.subject("kim").claim("role", "CUSTOMER"))))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[?(@.field == 'storeId')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'items[0].quantity')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'deliveryAddress.lat')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'payment.method')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'payment.cardToken')]").exists());
        then(placement).should(never()).place(any(), any(), any());
    }

    @Test
    void withoutTokenIs401Problem() throws Exception {
        mvc.perform(json(post("/api/orders"), VALID_ORDER))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void refusalsKeepTheirStatusAsProblemJson() throws Exception {
        given(steps.cancel(any(), eq("o-1"))).willThrow(OrderProblem.conflict("cancel-refused", "Too late", "d"));
        given(steps.accept(any(), eq("s-1"), eq("o-2"))).willThrow(OrderProblem.forbidden("not yours"));
        given(steps.pick(any(), eq("o-3"))).willThrow(OrderProblem.orderNotFound("o-3"));

        mvc.perform(post("/api/orders/o-1/cancel").with(jwt().jwt(j -> j.subject("kim").claim("role", "CUSTOMER"))))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Too late"));
        mvc.perform(post("/api/stores/s-1/orders/o-2/accept")
                        .with(jwt().jwt(j -> j.subject("owner").claim("role", "STORE_OWNER").claim("storeId", "s-9"))))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/deliveries/o-3/pick")
                        .with(jwt().jwt(j -> j.subject("r").claim("role", "RIDER").claim("region", "mapo"))))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void cancelAnswers202AndStoreStepsAnswerTheNewStatus() throws Exception {
        given(steps.cancel(any(), eq("o-1"))).willReturn(new OrderSteps.StepResult("o-1", OrderSteps.CANCEL_REQUESTED));
        given(steps.reject(any(), eq("s-1"), eq("o-1"), eq("Out of rice")))
                .willReturn(new OrderSteps.StepResult("o-1", OrderStatus.REJECTED.name()));

        mvc.perform(post("/api/orders/o-1/cancel").with(jwt().jwt(j -> j.subject("kim").claim("role", "CUSTOMER"))))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("CANCEL_REQUESTED"));
        mvc.perform(json(post("/api/stores/s-1/orders/o-1/reject"), "{\"reason\":\"Out of rice\"}")
                        .with(jwt().jwt(j -> j.subject("owner").claim("role", "STORE_OWNER").claim("storeId", "s-1"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REJECTED"));
        mvc.perform(json(post("/api/stores/s-1/orders/o-1/reject"), "{}")
                        .with(jwt().jwt(j -> j.subject("owner").claim("role", "STORE_OWNER").claim("storeId", "s-1"))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }
}

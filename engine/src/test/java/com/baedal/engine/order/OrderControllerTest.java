package com.baedal.engine.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.baedal.contract.OrderStatus;
import com.baedal.contract.Role;
import com.baedal.contract.api.PlacedOrder;
import com.baedal.contract.api.StepResult;
import com.baedal.engine.security.SecurityConfig;
import com.baedal.support.security.Caller;
import com.baedal.support.web.ApiProblem;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Web slice of the order commands: routing, JSON shapes, validation and how refusals map to HTTP. */
@WebMvcTest(OrderController.class)
@Import(SecurityConfig.class)
class OrderControllerTest {

    private static final String O1 = "0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11";
    private static final String O2 = "1c8d5e9f-6e2c-4e6f-8c55-4f4f2f1f3b22";
    private static final String O3 = "2d7e6fa0-7f3d-4f70-9d66-5a5a3a2a4c33";
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
        given(placement.place(eq(kim), any(), eq("key-1"), isNull()))
                .willReturn(new PlacedOrder(O1, OrderStatus.PLACED, 36000));

        mvc.perform(json(post("/api/orders"), VALID_ORDER).header("Idempotency-Key", "key-1")
                        .with(jwt().jwt(j -> j.subject("kim").claim("role", "CUSTOMER"))))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/orders/" + O1))
                .andExpect(jsonPath("$.orderId").value(O1))
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
        then(placement).should(never()).place(any(), any(), any(), any());
    }

    @Test
    void withoutTokenIs401Problem() throws Exception {
        mvc.perform(json(post("/api/orders"), VALID_ORDER))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void refusalsKeepTheirStatusAsProblemJson() throws Exception {
        given(steps.cancel(any(), eq(O1))).willThrow(ApiProblem.conflict("cancel-refused", "Too late", "d"));
        given(steps.accept(any(), eq("s-1"), eq(O2))).willThrow(ApiProblem.forbidden("not yours"));
        given(steps.pick(any(), eq(O3))).willThrow(ApiProblem.orderNotFound(O3));

        mvc.perform(post("/api/orders/" + O1 + "/cancel").with(customer()))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Too late"));
        mvc.perform(post("/api/stores/s-1/orders/" + O2 + "/accept")
                        .with(jwt().jwt(j -> j.subject("owner").claim("role", "STORE_OWNER").claim("storeId", "s-9"))))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/deliveries/" + O3 + "/pick")
                        .with(jwt().jwt(j -> j.subject("r").claim("role", "RIDER").claim("region", "mapo"))))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void cancelAnswers202AndStoreStepsAnswerTheNewStatus() throws Exception {
        given(steps.cancel(any(), eq(O1))).willReturn(new StepResult(O1, StepResult.CANCEL_REQUESTED));
        given(steps.reject(any(), eq("s-1"), eq(O1), eq("Out of rice")))
                .willReturn(new StepResult(O1, OrderStatus.REJECTED.name()));

        mvc.perform(post("/api/orders/" + O1 + "/cancel").with(customer()))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("CANCEL_REQUESTED"));
        mvc.perform(json(post("/api/stores/s-1/orders/" + O1 + "/reject"), "{\"reason\":\"Out of rice\"}")
                        .with(jwt().jwt(j -> j.subject("owner").claim("role", "STORE_OWNER").claim("storeId", "s-1"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REJECTED"));
        mvc.perform(json(post("/api/stores/s-1/orders/" + O1 + "/reject"), "{}")
                        .with(jwt().jwt(j -> j.subject("owner").claim("role", "STORE_OWNER").claim("storeId", "s-1"))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("reason"));
    }

    @Test
    void hostileBodiesAre400ProblemsThatNameTheFieldAndNeverReachThePlacement() throws Exception {
        assertInvalid(json(post("/api/orders"), VALID_ORDER.replace("Teheran-ro 152", "Teheran\\u0000ro"))
                .with(customer()), "deliveryAddress.street");
        assertInvalid(json(post("/api/orders"), VALID_ORDER.replace("chicken-gangnam", "chicken\\u001bgangnam"))
                .with(customer()), "storeId");
        assertInvalid(json(post("/api/orders"), VALID_ORDER.replace("fried-chicken", "fried\\u0085chicken"))
                .with(customer()), "items[0].menuItemId");
        assertInvalid(json(post("/api/orders"), VALID_ORDER.replace("tok_visa", "tok\\u007fvisa"))
                .with(customer()), "payment.cardToken");
        assertInvalid(json(post("/api/orders"), VALID_ORDER.replace("Teheran-ro 152", "s".repeat(201)))
                .with(customer()), "deliveryAddress.street");
        // wrong JSON types name the field, never a Java type
        assertInvalid(json(post("/api/orders"), VALID_ORDER.replace("\"quantity\":2", "\"quantity\":\"two\""))
                .with(customer()), "items[0].quantity");
        assertInvalid(json(post("/api/orders"), VALID_ORDER.replace("[{\"menuItemId\":\"fried-chicken\","
                + "\"quantity\":2}]", "\"all\"")).with(customer()), "items");
        assertInvalid(json(post("/api/orders"), VALID_ORDER.replace("\"quantity\":2", "\"quantity\":1e30"))
                .with(customer()), "items[0].quantity");
        assertInvalid(json(post("/api/orders"), VALID_ORDER).header("Idempotency-Key", "k".repeat(201))
                .with(customer()), "Idempotency-Key");
        assertInvalid(json(post("/api/orders"), VALID_ORDER).header(OrderController.DEV_ORDER_ID_HEADER, "12345678")
                .with(customer()), OrderController.DEV_ORDER_ID_HEADER);
        mvc.perform(json(post("/api/orders"), "{\"storeId\": ").with(customer()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://baedal.example/problems/malformed-body"));
        then(placement).should(never()).place(any(), any(), any(), any());
    }

    @Test
    void malformedIdsAndReasonsAre400ProblemsAndNeverReachTheSteps() throws Exception {
        assertInvalid(post("/api/orders/not-a-uuid/cancel").with(customer()), "orderId");
        assertInvalid(post("/api/orders/" + O1.toUpperCase().replace('B', 'X') + "/cancel").with(customer()),
                "orderId");
        assertInvalid(post("/api/deliveries/" + O1 + "x/pick").with(jwt().jwt(j -> j.subject("r")
                .claim("role", "RIDER").claim("region", "mapo"))), "orderId");
        assertInvalid(post("/api/stores/" + "s".repeat(65) + "/orders/" + O1 + "/accept").with(owner()), "storeId");
        assertInvalid(json(post("/api/stores/s-1/orders/" + O1 + "/reject"), "{\"reason\":\"no\\u0000rice\"}")
                .with(owner()), "reason");
        assertInvalid(json(post("/api/stores/s-1/orders/" + O1 + "/reject"),
                "{\"reason\":\"" + "r".repeat(501) + "\"}").with(owner()), "reason");
        then(steps).shouldHaveNoInteractions();

        // a reason over several lines is what people write
        given(steps.reject(any(), eq("s-1"), eq(O1), eq("Out of rice.\nSorry!")))
                .willReturn(new StepResult(O1, OrderStatus.REJECTED.name()));
        mvc.perform(json(post("/api/stores/s-1/orders/" + O1 + "/reject"), "{\"reason\":\"Out of rice.\\nSorry!\"}")
                        .with(owner()))
                .andExpect(status().isOk());
    }

    private void assertInvalid(MockHttpServletRequestBuilder request, String field) throws Exception {
        String body = mvc.perform(request)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://baedal.example/problems/invalid-request"))
                .andExpect(jsonPath("$.errors[?(@.field == '" + field + "')]").exists())
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("java.", "Exception", "com.baedal");
    }

    private static RequestPostProcessor customer() {
        return jwt().jwt(j -> j.subject("kim").claim("role", "CUSTOMER"));
    }

    private static RequestPostProcessor owner() {
        return jwt().jwt(j -> j.subject("owner").claim("role", "STORE_OWNER").claim("storeId", "s-1"));
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body);
    }
}

package com.baedal.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.baedal.support.RequestIdAutoConfiguration;
import com.baedal.support.RequestIdFilter;
import com.baedal.support.openapi.ApiDocsAutoConfiguration;
import com.baedal.support.security.ServiceEndpoints;
import com.baedal.workers.security.SecurityConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.configuration.SpringDocSecurityConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The workers' OpenAPI document as the gateway loads it: public, only /api/**, every answer of
 * GET /api/payments/{orderId} with problem+json errors; and the request id on the answers.
 */
@WebMvcTest(PaymentController.class)
@Import(SecurityConfig.class)
@ImportAutoConfiguration({SpringDocConfiguration.class, SpringDocConfigProperties.class,
        SpringDocSecurityConfiguration.class, SpringDocWebMvcConfiguration.class, ApiDocsAutoConfiguration.class,
        RequestIdAutoConfiguration.class})
@ActiveProfiles("local")
class PaymentApiDocsTest {

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @MockitoBean PaymentService payments;
    @MockitoBean PaymentReconciliation reconciliation;

    @Test
    void theDocumentIsPublicAndListsThePaymentsApiWithItsErrors() throws Exception {
        MvcResult result = mvc.perform(get(ServiceEndpoints.API_DOCS_PATH)).andExpect(status().isOk())
                .andReturn();
        JsonNode docs = json.readTree(result.getResponse().getContentAsString());

        assertThat(docs.path("info").path("title").asText()).isEqualTo("Baedal workers API");
        assertThat(docs.path("servers").get(0).path("url").asText()).isEqualTo("/");
        assertThat(docs.path("components").path("securitySchemes").path("bearer-jwt").path("scheme").asText())
                .isEqualTo("bearer");
        List<String> paths = new ArrayList<>();
        docs.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).containsExactlyInAnyOrder("/api/payments/{orderId}", "/api/payments/reconciliations");

        JsonNode payment = docs.path("paths").path("/api/payments/{orderId}").path("get");
        List<String> statuses = new ArrayList<>();
        payment.path("responses").fieldNames().forEachRemaining(statuses::add);
        assertThat(statuses).containsExactlyInAnyOrder("200", "400", "401", "403", "404");
        for (String error : List.of("400", "401", "403", "404")) {
            assertThat(payment.path("responses").path(error).path("content").path("application/problem+json")
                    .path("schema").path("$ref").asText()).isEqualTo("#/components/schemas/Problem");
        }
        assertThat(payment.path("responses").path("200").path("content").path("application/json")
                .path("examples").toString()).contains("REFUNDED");
        // the caller's token is not a parameter
        assertThat(payment.path("parameters").toString()).contains("orderId").doesNotContain("jwt");
    }

    @Test
    void otherPathsStayClosedAndEveryAnswerCarriesTheRequestId() throws Exception {
        mvc.perform(get("/api/payments/o-1").header(RequestIdFilter.HEADER, "gw-7"))
                .andExpect(status().isUnauthorized())
                .andExpect(result -> assertThat(result.getResponse().getHeader(RequestIdFilter.HEADER))
                        .isEqualTo("gw-7"));
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isUnauthorized());
    }
}

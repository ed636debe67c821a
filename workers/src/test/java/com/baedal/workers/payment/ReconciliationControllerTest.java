package com.baedal.workers.payment;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.baedal.workers.security.SecurityConfig;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** {@code POST /api/payments/reconciliations}: operators only, answers the run with its repairs and incidents. */
@WebMvcTest(PaymentController.class)
@Import(SecurityConfig.class)
@ActiveProfiles("local")
class ReconciliationControllerTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Autowired MockMvc mvc;
    @MockitoBean PaymentReconciliation reconciliation;
    @MockitoBean PaymentService payments;

    private static JwtRequestPostProcessor token(String subject, String role) {
        return jwt().jwt(jwt -> jwt.subject(subject).claim("role", role))
                .authorities(new SimpleGrantedAuthority("ROLE_" + role));
    }

    @Test
    void anOperatorRunsItAndSeesTheRepairsAndTheOpenIncidents() throws Exception {
        given(reconciliation.run(true)).willReturn(new PaymentReconciliation.Report(AT, AT.plusSeconds(2), true, 42,
                List.of(new PaymentReconciliation.Repair("o-1", PaymentReconciliation.RepairKind.KEPT_MONEY_REFUNDED,
                        "refund sim_re_1")),
                List.of(new PaymentReconciliation.Incident("o-2", "CHARGE_UNKNOWN_TO_PROVIDER", "recorded charge "
                        + "sim_ch_9 is not an approved charge at the provider", AT))));

        mvc.perform(post("/api/payments/reconciliations").with(token("ops-1", "OPERATOR")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.ran").value(true))
                .andExpect(jsonPath("$.checked").value(42))
                .andExpect(jsonPath("$.repairs[0].orderId").value("o-1"))
                .andExpect(jsonPath("$.repairs[0].kind").value("KEPT_MONEY_REFUNDED"))
                .andExpect(jsonPath("$.openIncidents[0].kind").value("CHARGE_UNKNOWN_TO_PROVIDER"))
                .andExpect(jsonPath("$.openIncidents[0].detectedAt").value("2026-12-01T10:00:00Z"));
    }

    @Test
    void customersOwnersAndRidersAreForbiddenAndNothingRuns() throws Exception {
        for (String role : List.of("CUSTOMER", "STORE_OWNER", "RIDER")) {
            mvc.perform(post("/api/payments/reconciliations").with(token("someone", role)))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        mvc.perform(post("/api/payments/reconciliations"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verify(reconciliation, never()).run(true);
    }
}

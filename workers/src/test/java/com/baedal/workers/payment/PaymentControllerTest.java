package com.baedal.workers.payment;

import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.baedal.contract.PaymentStatus;
import com.baedal.workers.security.SecurityConfig;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** {@link PaymentController}: a payment's view for its customer and operators, and the operators' reconciliation run. */
@WebMvcTest(PaymentController.class)
@Import(SecurityConfig.class)
@ActiveProfiles("local")
class PaymentControllerTest {
    private static final String O1 = "0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11";
    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final Instant UPDATED = Instant.parse("2026-11-24T10:15:30Z");
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @Autowired MockMvc mvc;
    @MockitoBean PaymentService payments;
    @MockitoBean PaymentReconciliation reconciliation;
    @Value("${baedal.security.jwt.secret}") String secret;

    private static PaymentSnapshot payment(String orderId, String customerId, int attempts) {
        return new PaymentSnapshot(orderId, customerId, 18_000, PaymentStatus.REFUNDED, true, attempts,
                "sim_ch_1", UPDATED);
    }

    private static JwtRequestPostProcessor token(String subject, String role) {
        return jwt().jwt(jwt -> jwt.subject(subject).claim("role", role))
                .authorities(new SimpleGrantedAuthority("ROLE_" + role));
    }

    @Test
    void theOrdersCustomerSeesThePayment() throws Exception {
        given(payments.find(O1)).willReturn(Optional.of(payment(O1, "kim", 3)));

        mvc.perform(get("/api/payments/" + O1).with(token("kim", "CUSTOMER")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.orderId").value(O1))
                .andExpect(jsonPath("$.amount").value(18_000))
                .andExpect(jsonPath("$.status").value("REFUNDED"))
                .andExpect(jsonPath("$.cancelled").value(true))
                .andExpect(jsonPath("$.attempts").value(3))
                .andExpect(jsonPath("$.updatedAt").value("2026-11-24T10:15:30Z"))
                .andExpect(jsonPath("$.customerId").doesNotExist())
                .andExpect(jsonPath("$.providerReference").doesNotExist());
    }

    @Test
    void anOperatorSeesAnyPayment() throws Exception {
        given(payments.find(O1)).willReturn(Optional.of(payment(O1, "kim", 1)));

        mvc.perform(get("/api/payments/" + O1).with(token("ops-1", "OPERATOR")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderId").value(O1));
    }

    @Test
    void anotherCustomerGetsNotFoundLikeForAnUnknownOrder() throws Exception {
        given(payments.find(O1)).willReturn(Optional.of(payment(O1, "kim", 1)));

        mvc.perform(get("/api/payments/" + O1).with(token("lee", "CUSTOMER")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.status").value(404));
    }

    @Test
    void unknownOrderIsNotFound() throws Exception {
        String unknown = "9f1e2d3c-4b5a-4c6d-8e7f-0a1b2c3d4e5f";
        given(payments.find(unknown)).willReturn(Optional.empty());

        mvc.perform(get("/api/payments/" + unknown).with(token("kim", "CUSTOMER")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://baedal.example/problems/payment-not-found"))
                .andExpect(jsonPath("$.title").value("Payment not found"));
    }

    @Test
    void malformedOrderIdsAre400WithoutALookup() throws Exception {
        for (String malformed : new String[] {"nope", "0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a1", "x".repeat(300)}) {
            mvc.perform(get("/api/payments/" + malformed).with(token("kim", "CUSTOMER")))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                    .andExpect(jsonPath("$.errors[0].field").value("orderId"));
        }
        // a control character: refused as well (by the firewall or the id rule), never looked up
        mvc.perform(get("/api/payments/{id}", "0b9c4c8e-5d1b-4d5e-9b44-\u00013f3f1f0e2a11")
                        .with(token("kim", "CUSTOMER")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
        then(payments).shouldHaveNoInteractions();
    }

    @Test
    void aPaymentWhoseChargeWasNeverAttemptedIsNotFound() throws Exception {
        given(payments.find(O1)).willReturn(Optional.of(payment(O1, "kim", 0)));

        mvc.perform(get("/api/payments/" + O1).with(token("kim", "CUSTOMER")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    }

    @Test
    void storeOwnersAndRidersAreForbidden() throws Exception {
        mvc.perform(get("/api/payments/" + O1).with(token("owner-chicken-gangnam", "STORE_OWNER")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.status").value(403));
        mvc.perform(get("/api/payments/" + O1).with(token("rider-gangnam-1", "RIDER")))
                .andExpect(status().isForbidden());
    }

    @Test
    void withoutATokenTheAnswerIsUnauthorizedAsProblemJson() throws Exception {
        mvc.perform(get("/api/payments/" + O1))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.status").value(401));
    }

    @Test
    void aForgedTokenIsUnauthorized() throws Exception {
        mvc.perform(get("/api/payments/" + O1).header("Authorization", "Bearer "
                        + sign("kim", "CUSTOMER", "another-secret-of-at-least-thirty-two-bytes!")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    }

    @Test
    void aRealHs256TokenWithTheSharedSecretIsAcceptedAndItsRoleClaimApplies() throws Exception {
        given(payments.find(O1)).willReturn(Optional.of(payment(O1, "kim", 1)));

        mvc.perform(get("/api/payments/" + O1).header("Authorization", "Bearer " + sign("kim", "CUSTOMER", secret)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderId").value(O1));
        mvc.perform(get("/api/payments/" + O1).header("Authorization", "Bearer " + sign("x", "RIDER", secret)))
                .andExpect(status().isForbidden());
    }

    @Test
    void aTokenWithoutAKnownRoleIsUnauthorized() throws Exception {
        // the shared role-claim validator (service-support) refuses such tokens at decoding, as engine and read-model do
        mvc.perform(get("/api/payments/" + O1).header("Authorization", "Bearer " + sign("kim", "EMPEROR", secret)))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.status").value(401));
    }

    @Test
    void otherPathsAreClosed() throws Exception {
        mvc.perform(get("/api/payments").with(token("ops-1", "OPERATOR")))
                .andExpect(status().isForbidden());
    }

    // ---- POST /api/payments/reconciliations: operators only, answers the run with its repairs and incidents

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

    private static String sign(String subject, String role, String secret) {
        SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(subject)
                .claim("role", role)
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(600))
                .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }
}

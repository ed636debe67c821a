package com.baedal.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.engine.support.CamundaApi;
import com.baedal.engine.support.EngineIntegrationTest;
import com.baedal.contract.Role;
import com.baedal.support.security.Caller;
import com.baedal.support.security.HmacJwtConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** The two security worlds: JWT on /api, Camunda's own login on /engine-rest and /camunda. */
@EngineIntegrationTest
class SecurityIT {

    /** A path under /api that needs a login and has no handler: 401 without a token, 404 with one. */
    static final String PROTECTED_UNKNOWN = "/api/no-such-thing";

    @Autowired TestRestTemplate rest;
    @Autowired ObjectMapper objectMapper;
    @Autowired JwtDecoder jwtDecoder;
    @Autowired DevTokenIssuer devTokens;
    @Value("${" + HmacJwtConfig.SECRET_PROPERTY + "}") String secret;

    // ---- /api: JWT resource server ----------------------------------------------------------------------------

    @Test
    void protectedApiWithoutTokenIs401ProblemJson() throws Exception {
        ResponseEntity<String> response = rest.postForEntity("/api/orders", json("{}"), String.class);
        assertProblem(response, HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        assertProblem(rest.getForEntity(PROTECTED_UNKNOWN, String.class), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void garbageExpiredAndRoleLessTokensAre401() throws Exception {
        assertProblem(get(PROTECTED_UNKNOWN, "not-a-jwt"), HttpStatus.UNAUTHORIZED);
        Instant past = Instant.now().minus(Duration.ofDays(1));
        assertProblem(get(PROTECTED_UNKNOWN, sign("c1", "CUSTOMER", past, past.plusSeconds(60))),
                HttpStatus.UNAUTHORIZED);
        Instant now = Instant.now();
        assertProblem(get(PROTECTED_UNKNOWN, sign("c1", "EMPEROR", now, now.plusSeconds(600))),
                HttpStatus.UNAUTHORIZED);
        assertProblem(get(PROTECTED_UNKNOWN, sign("c1", null, now, now.plusSeconds(600))),
                HttpStatus.UNAUTHORIZED);
    }

    @Test
    void tokenFromAnotherSecretIs401() throws Exception {
        String foreign = new NimbusJwtEncoder(new ImmutableSecret<>(
                HmacJwtConfig.secretKey("some-other-secret-that-is-long-enough-0123456789")))
                .encode(JwtEncoderParameters.from(JwsHeader.with(HmacJwtConfig.ALGORITHM).build(),
                        JwtClaimsSet.builder().subject("c1").claim(Caller.CLAIM_ROLE, "OPERATOR")
                                .expiresAt(Instant.now().plusSeconds(600)).build()))
                .getTokenValue();
        assertProblem(get(PROTECTED_UNKNOWN, foreign), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void catalogIsPublic() {
        assertThat(rest.getForEntity("/api/stores", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.getForEntity("/api/stores/pizza-mapo/menu", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void devTokenIsIssuedAndAccepted() throws Exception {
        ResponseEntity<String> response = rest.postForEntity("/api/dev/tokens",
                json("{\"sub\":\"owner-pizza-mapo\",\"role\":\"STORE_OWNER\",\"storeId\":\"pizza-mapo\"}"),
                String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        String token = objectMapper.readTree(response.getBody()).get("token").asText();

        Jwt jwt = jwtDecoder.decode(token);
        assertThat(jwt.getSubject()).isEqualTo("owner-pizza-mapo");
        assertThat(jwt.getClaimAsString(Caller.CLAIM_ROLE)).isEqualTo("STORE_OWNER");
        assertThat(jwt.getClaimAsString(Caller.CLAIM_STORE_ID)).isEqualTo("pizza-mapo");
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofHours(12));
        assertThat(Caller.from(jwt)).isEqualTo(new Caller("owner-pizza-mapo", Role.STORE_OWNER, "pizza-mapo", null));

        // accepted by the /api chain: past authentication, the unknown path is a 404 problem
        assertProblem(get(PROTECTED_UNKNOWN, token), HttpStatus.NOT_FOUND);
        assertProblem(get(PROTECTED_UNKNOWN, devTokens.issue("r1", Role.RIDER, null, "mapo")), HttpStatus.NOT_FOUND);
    }

    @Test
    void devTokenRequestIsValidated() throws Exception {
        assertThat(fieldErrors(rest.postForEntity("/api/dev/tokens", json("{\"sub\":\"x\"}"), String.class)))
                .containsExactly("role");
        assertThat(fieldErrors(rest.postForEntity("/api/dev/tokens",
                json("{\"sub\":\"x\",\"role\":\"KING\"}"), String.class))).containsExactly("role");
        assertThat(fieldErrors(rest.postForEntity("/api/dev/tokens",
                json("{\"sub\":\"x\",\"role\":\"STORE_OWNER\"}"), String.class))).containsExactly("storeId");
        assertThat(fieldErrors(rest.postForEntity("/api/dev/tokens",
                json("{\"sub\":\"x\",\"role\":\"RIDER\"}"), String.class))).containsExactly("region");
        assertThat(fieldErrors(rest.postForEntity("/api/dev/tokens",
                json("{\"role\":\"CUSTOMER\"}"), String.class))).containsExactly("sub");
        assertProblem(rest.postForEntity("/api/dev/tokens", json("{\"sub\":"), String.class),
                HttpStatus.BAD_REQUEST);
        assertProblem(rest.postForEntity("/api/dev/tokens", json(""), String.class), HttpStatus.BAD_REQUEST);
    }

    // ---- /engine-rest and /camunda: Camunda's own authentication ----------------------------------------------

    @Test
    void engineRestNeedsBasicAuth() {
        assertThat(rest.getForEntity("/engine-rest/task", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        // a wrong password is refused (and Camunda then delays further logins of that user for a few seconds,
        // so the wrong-password checks use users no other test logs in with)
        assertThat(rest.withBasicAuth("rider-mapo-2", "wrong").getForEntity("/engine-rest/task", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("nobody", "demo").getForEntity("/engine-rest/task", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("admin", "admin").getForEntity("/engine-rest/task", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.withBasicAuth("owner-pizza-mapo", "demo").getForEntity("/engine-rest/task", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        // a JWT is no way into the engine REST API
        String token = devTokens.issue("op", Role.OPERATOR, null, null);
        assertThat(get("/engine-rest/task", token).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void ownersHaveNoAdminRightsInTheEngine() {
        assertThat(rest.withBasicAuth("owner-pizza-mapo", "demo").getForEntity("/engine-rest/user", String.class)
                .getBody()).doesNotContain("\"admin\"");
        ResponseEntity<String> create = rest.withBasicAuth("owner-pizza-mapo", "demo").postForEntity(
                "/engine-rest/user/create",
                json("{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"x\"}}"), String.class);
        assertThat(create.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void webappsAreServedAndRequireTheirOwnLogin() {
        ResponseEntity<String> tasklist = rest.getForEntity("/camunda/app/tasklist/", String.class);
        assertThat(tasklist.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(tasklist.getBody()).containsIgnoringCase("<html");
        assertThat(rest.getForEntity("/camunda/app/welcome/default/", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        // the webapps' own API is closed to anonymous callers
        assertThat(rest.getForEntity("/camunda/api/engine/engine/default/task", String.class).getStatusCode())
                .isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
        // index redirect
        ResponseEntity<String> index = rest.getForEntity("/", String.class);
        assertThat(index.getStatusCode().is3xxRedirection() || index.getStatusCode().is2xxSuccessful()).isTrue();
    }

    @Test
    void ownerLogsIntoTasklistWithCamundasSessionAndCsrf() {
        HttpHeaders headers = CamundaApi.LoginPage.open(rest).formHeaders();

        ResponseEntity<String> wrong = rest.postForEntity("/camunda/api/admin/auth/user/default/login/tasklist",
                new HttpEntity<>("username=owner-tteokbokki-mapo&password=nope", headers), String.class);
        assertThat(wrong.getStatusCode()).as("%s %s", wrong.getHeaders(), wrong.getBody()).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> login = rest.postForEntity("/camunda/api/admin/auth/user/default/login/tasklist",
                new HttpEntity<>("username=owner-pizza-mapo&password=demo", headers), String.class);
        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(login.getBody()).contains("\"userId\":\"owner-pizza-mapo\"").contains("tasklist");
        // an owner may not open Cockpit
        ResponseEntity<String> cockpit = rest.postForEntity("/camunda/api/admin/auth/user/default/login/cockpit",
                new HttpEntity<>("username=owner-pizza-mapo&password=demo", headers), String.class);
        assertThat(cockpit.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    // ---- everything else ---------------------------------------------------------------------------------------

    @Test
    void probesAndMetricsAreExposedButNothingElse() {
        assertThat(rest.getForEntity("/actuator/health/liveness", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(rest.getForEntity("/actuator/health/readiness", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<String> prometheus = rest.getForEntity("/actuator/prometheus", String.class);
        assertThat(prometheus.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(prometheus.getBody()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
        assertThat(rest.getForEntity("/actuator/env", String.class).getStatusCode().is4xxClientError()).isTrue();
        assertThat(rest.getForEntity("/something-else", String.class).getStatusCode().is4xxClientError()).isTrue();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private ResponseEntity<String> get(String path, String bearer) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(bearer);
        return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private String sign(String subject, String role, Instant issuedAt, Instant expiresAt) {
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject(subject).issuedAt(issuedAt).expiresAt(expiresAt);
        if (role != null) {
            claims.claim(Caller.CLAIM_ROLE, role);
        }
        return new NimbusJwtEncoder(new ImmutableSecret<>(HmacJwtConfig.secretKey(secret)))
                .encode(JwtEncoderParameters.from(JwsHeader.with(HmacJwtConfig.ALGORITHM).build(), claims.build()))
                .getTokenValue();
    }

    private JsonNode assertProblem(ResponseEntity<String> response, HttpStatus status) throws Exception {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as("content type %s", response.getHeaders().getContentType()).isTrue();
        JsonNode body = objectMapper.readTree(response.getBody());
        assertThat(body.get("status").asInt()).isEqualTo(status.value());
        return body;
    }

    private List<String> fieldErrors(ResponseEntity<String> response) throws Exception {
        JsonNode body = assertProblem(response, HttpStatus.BAD_REQUEST);
        List<String> fields = new ArrayList<>();
        body.get("errors").forEach(error -> {
            assertThat(error.get("message").asText()).isNotBlank();
            fields.add(error.get("field").asText());
        });
        return fields;
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}

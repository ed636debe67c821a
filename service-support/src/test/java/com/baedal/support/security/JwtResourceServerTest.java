package com.baedal.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * The shared setup as a service sees it: imported by the service's security configuration (a user configuration,
 * so it comes before Spring Boot's resource-server auto-configuration).
 */
class JwtResourceServerTest {

    static final String SECRET = "unit-test-secret-which-is-long-enough-for-hs256";

    @TempDir
    static Path keys;
    static KeyPair rsa;
    static Path publicKeyPem;

    /** Stands for a service's SecurityConfig: imports the shared setup, has its own filter chain. */
    @Configuration(proxyBeanMethods = false)
    @Import(JwtResourceServer.class)
    static class ServiceSecurity {
        @Bean
        ObjectMapper objectMapper() {
            return new ObjectMapper();
        }

        @Bean
        SecurityFilterChain serviceChain() {
            return new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE);
        }
    }

    final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withUserConfiguration(ServiceSecurity.class)
            .withConfiguration(AutoConfigurations.of(OAuth2ResourceServerAutoConfiguration.class));

    @BeforeAll
    static void rsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
        publicKeyPem = keys.resolve("public.pem");
        Files.writeString(publicKeyPem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(rsa.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
    }

    private static String rs256(String role) {
        RSAKey key = new RSAKey.Builder((RSAPublicKey) rsa.getPublic()).privateKey((RSAPrivateKey) rsa.getPrivate())
                .build();
        JwtClaimsSet claims = JwtClaimsSet.builder().subject("c1").claim(Caller.CLAIM_ROLE, role)
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600)).build();
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)))
                .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
    }

    @Test
    void providesTheRoleValidatorAndTheProblemHandlersButNoDecoderWithoutTheSecret() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ProblemSecurityHandlers.class);
            assertThat(context).hasSingleBean(OAuth2TokenValidator.class);
            assertThat(context).doesNotHaveBean(HmacJwtConfig.class);
            assertThat(context).doesNotHaveBean(JwtDecoder.class);
        });
    }

    @Test
    void withTheSecretTheHs256DecoderChecksTheRoleClaim() {
        runner.withPropertyValues(HmacJwtConfig.SECRET_PROPERTY + "=" + SECRET).run(context -> {
            JwtDecoder decoder = context.getBean(JwtDecoder.class);
            Instant in10Minutes = Instant.now().plusSeconds(600);
            assertThat(decoder.decode(HmacJwtConfigTest.sign(SECRET, "RIDER", in10Minutes)).getSubject())
                    .isEqualTo("c1");
            assertThatThrownBy(() -> decoder.decode(HmacJwtConfigTest.sign(SECRET, "ROOT", in10Minutes)))
                    .isInstanceOf(JwtValidationException.class);
        });
    }

    @Test
    void aShortSecretStopsTheStart() {
        runner.withPropertyValues(HmacJwtConfig.SECRET_PROPERTY + "=too-short").run(context ->
                assertThat(context).hasFailed().getFailure().hasRootCauseInstanceOf(IllegalStateException.class));
    }

    @Test
    void springBootsKeyBasedDecoderChecksTheRoleClaimToo() {
        runner.withPropertyValues("spring.security.oauth2.resourceserver.jwt.public-key-location=file:"
                + publicKeyPem).run(context -> {
            JwtDecoder decoder = context.getBean(JwtDecoder.class);
            Jwt jwt = decoder.decode(rs256("OPERATOR"));
            assertThat(Caller.from(jwt).role().name()).isEqualTo("OPERATOR");
            assertThatThrownBy(() -> decoder.decode(rs256("EMPEROR"))).isInstanceOf(JwtValidationException.class);
        });
    }

    @Test
    void theLocalSecretWinsOverSpringBootsDecoder() {
        runner.withPropertyValues(HmacJwtConfig.SECRET_PROPERTY + "=" + SECRET,
                "spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKeyPem).run(context -> {
            assertThat(context).hasSingleBean(JwtDecoder.class);
            JwtDecoder decoder = context.getBean(JwtDecoder.class);
            assertThat(decoder.decode(HmacJwtConfigTest.sign(SECRET, "CUSTOMER", Instant.now().plusSeconds(600)))
                    .getSubject()).isEqualTo("c1");
        });
    }
}

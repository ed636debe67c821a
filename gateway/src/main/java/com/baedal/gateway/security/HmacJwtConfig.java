package com.baedal.gateway.security;

import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * HS256 validation with the shared development secret ({@code baedal.security.jwt.secret}, set only by the local
 * profile, same value as the engine's). In production {@code spring.security.oauth2.resourceserver.jwt.*}
 * (issuer / JWKS) is configured instead and Spring Boot builds the decoder.
 */
@Configuration
@ConditionalOnProperty(HmacJwtConfig.SECRET_PROPERTY)
public class HmacJwtConfig {

    public static final String SECRET_PROPERTY = "baedal.security.jwt.secret";

    @Bean
    ReactiveJwtDecoder hmacJwtDecoder(@Value("${" + SECRET_PROPERTY + "}") String secret) {
        // default validators: exp / nbf with 60 s clock skew
        return NimbusReactiveJwtDecoder.withSecretKey(secretKey(secret)).macAlgorithm(MacAlgorithm.HS256).build();
    }

    static SecretKey secretKey(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException(SECRET_PROPERTY + " must be at least 32 bytes for HS256");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}

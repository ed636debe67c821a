package com.baedal.gateway.security;

import com.baedal.support.security.TokenRules;
import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * HS256 validation with the shared development secret ({@code baedal.security.jwt.secret}, set only by the local
 * profile, same value as the engine's). In production {@code spring.security.oauth2.resourceserver.jwt.*}
 * (issuer / JWKS) is configured instead and Spring Boot builds the decoder with the same token rules
 * ({@link EdgeSecurityConfig#baedalTokenRules}).
 */
@Configuration
@ConditionalOnProperty(HmacJwtConfig.SECRET_PROPERTY)
public class HmacJwtConfig {

    public static final String SECRET_PROPERTY = "baedal.security.jwt.secret";

    @Bean
    ReactiveJwtDecoder hmacJwtDecoder(@Value("${" + SECRET_PROPERTY + "}") String secret,
                                      OAuth2TokenValidator<Jwt> tokenRules) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(secretKey(secret))
                .macAlgorithm(MacAlgorithm.HS256).build();
        // exp / nbf with 60 s clock skew, plus the rules every service applies (exp required, lifetime, sub, role)
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(), tokenRules));
        return decoder;
    }

    static SecretKey secretKey(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException(SECRET_PROPERTY + " must be at least 32 bytes for HS256");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}

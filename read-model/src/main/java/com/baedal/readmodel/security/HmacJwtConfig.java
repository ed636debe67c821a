package com.baedal.readmodel.security;

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
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * HS256 validation of the tokens the engine's local profile issues, with the shared secret
 * {@code baedal.security.jwt.secret}; only the local profile sets it. Production configures
 * {@code spring.security.oauth2.resourceserver.jwt.*} and Spring Boot builds the decoder.
 */
@Configuration
@ConditionalOnProperty(HmacJwtConfig.SECRET_PROPERTY)
public class HmacJwtConfig {

    public static final String SECRET_PROPERTY = "baedal.security.jwt.secret";
    public static final MacAlgorithm ALGORITHM = MacAlgorithm.HS256;

    @Bean
    JwtDecoder hmacJwtDecoder(@Value("${" + SECRET_PROPERTY + "}") String secret,
                              OAuth2TokenValidator<Jwt> roleClaimValidator) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(secretKey(secret)).macAlgorithm(ALGORITHM).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(),
                roleClaimValidator));
        return decoder;
    }

    public static SecretKey secretKey(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException(SECRET_PROPERTY + " must be at least 32 bytes for HS256");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}

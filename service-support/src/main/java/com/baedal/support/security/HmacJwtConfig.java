package com.baedal.support.security;

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
 * HS256 token validation with a shared secret ({@code baedal.security.jwt.secret}); only the local profile sets
 * that property. Production configures {@code spring.security.oauth2.resourceserver.jwt.*} instead and Spring
 * Boot builds the decoder (it backs off while this one exists). Imported by {@link JwtResourceServer}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(HmacJwtConfig.SECRET_PROPERTY)
public class HmacJwtConfig {

    public static final String SECRET_PROPERTY = "baedal.security.jwt.secret";
    public static final MacAlgorithm ALGORITHM = MacAlgorithm.HS256;

    @Bean
    JwtDecoder hmacJwtDecoder(@Value("${" + SECRET_PROPERTY + "}") String secret,
                              OAuth2TokenValidator<Jwt> tokenRules) {
        return decoder(secret, tokenRules);
    }

    /** An HS256 decoder for {@code secret} with the default validators (expiry...) plus {@code extra}. */
    public static JwtDecoder decoder(String secret, OAuth2TokenValidator<Jwt> extra) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(secretKey(secret)).macAlgorithm(ALGORITHM).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(), extra));
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

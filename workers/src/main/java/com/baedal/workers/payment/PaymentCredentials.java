package com.baedal.workers.payment;

import static com.baedal.process.OrderProcess.PAYMENT_CREDENTIAL_ALGORITHM;
import static com.baedal.process.OrderProcess.PAYMENT_CREDENTIAL_CLAIM_CARD_TOKEN;
import static com.baedal.process.OrderProcess.PAYMENT_CREDENTIAL_CLAIM_ORDER_ID;
import static com.baedal.process.OrderProcess.PAYMENT_CREDENTIAL_ENCRYPTION;
import static com.baedal.process.OrderProcess.VAR_PAYMENT_CREDENTIAL;

import com.baedal.workers.support.TaskVariables;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import java.security.KeyFactory;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Opens the payment credential the engine sealed at placement
 * ({@link com.baedal.process.OrderProcess#VAR_PAYMENT_CREDENTIAL}) right before the card provider is called. Only
 * this service holds the private key ({@value #PRIVATE_KEY_PROPERTY}: PEM text or a {@code classpath:}/{@code file:}
 * location; no default outside the local profile). A credential that was tampered with, sealed for another key or
 * for another order is refused with {@link InvalidPaymentCredentialException}: the task fails with that message
 * and nothing is charged.
 */
@Component
public class PaymentCredentials {

    public static final String PRIVATE_KEY_PROPERTY = "baedal.payment.credential.private-key";

    private final RSADecrypter decrypter;
    private final String keyId;

    public PaymentCredentials(@Value("${" + PRIVATE_KEY_PROPERTY + "}") RSAPrivateKey privateKey) {
        this.decrypter = new RSADecrypter(privateKey);
        this.keyId = thumbprint(privateKey);
    }

    /** The card token of the task's order (its business key is the order id). */
    public String cardToken(ExternalTask task) {
        return cardToken(task.getBusinessKey(), TaskVariables.string(task, VAR_PAYMENT_CREDENTIAL));
    }

    /** The card token sealed in {@code credential}, which must have been sealed for this order and this key. */
    public String cardToken(String orderId, String credential) {
        EncryptedJWT jwt;
        try {
            jwt = EncryptedJWT.parse(credential);
        } catch (ParseException e) {
            throw new InvalidPaymentCredentialException(orderId, "it is not a sealed credential");
        }
        JWEHeader header = jwt.getHeader();
        if (!JWEAlgorithm.parse(PAYMENT_CREDENTIAL_ALGORITHM).equals(header.getAlgorithm())
                || !EncryptionMethod.parse(PAYMENT_CREDENTIAL_ENCRYPTION).equals(header.getEncryptionMethod())) {
            throw new InvalidPaymentCredentialException(orderId, "it is sealed with " + header.getAlgorithm() + " / "
                    + header.getEncryptionMethod() + " instead of " + PAYMENT_CREDENTIAL_ALGORITHM + " / "
                    + PAYMENT_CREDENTIAL_ENCRYPTION);
        }
        if (!keyId.equals(header.getKeyID())) {
            throw new InvalidPaymentCredentialException(orderId, "it is sealed for another key (kid "
                    + header.getKeyID() + ", this service's key is " + keyId + ")");
        }
        JWTClaimsSet claims;
        try {
            jwt.decrypt(decrypter);
            claims = jwt.getJWTClaimsSet();
        } catch (JOSEException | ParseException | IllegalStateException e) {
            throw new InvalidPaymentCredentialException(orderId, "it does not open with this service's key (tampered"
                    + " with?)");
        }
        Object sealedFor = claims.getClaim(PAYMENT_CREDENTIAL_CLAIM_ORDER_ID);
        if (orderId == null || !orderId.equals(sealedFor)) {
            throw new InvalidPaymentCredentialException(orderId, "it was sealed for another order");
        }
        if (!(claims.getClaim(PAYMENT_CREDENTIAL_CLAIM_CARD_TOKEN) instanceof String cardToken) || cardToken.isBlank()) {
            throw new InvalidPaymentCredentialException(orderId, "it holds no card token");
        }
        return cardToken;
    }

    /** RFC 7638 thumbprint of the public half, as the engine puts it into the {@code kid} of what it seals. */
    private static String thumbprint(RSAPrivateKey privateKey) {
        if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException(PRIVATE_KEY_PROPERTY + " must be a complete RSA private key (PKCS#8)");
        }
        try {
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new RSAKey.Builder(publicKey).build().computeThumbprint().toString();
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("Cannot derive the public half of " + PRIVATE_KEY_PROPERTY, e);
        }
    }

    /** The payment credential of an order cannot be used; the charge must not happen. */
    public static class InvalidPaymentCredentialException extends RuntimeException {

        InvalidPaymentCredentialException(String orderId, String why) {
            super("The payment credential of order " + orderId + " is refused: " + why + ". Nothing was charged.");
        }
    }
}

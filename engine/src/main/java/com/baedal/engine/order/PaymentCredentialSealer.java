package com.baedal.engine.order;

import static com.baedal.process.OrderProcess.PAYMENT_CREDENTIAL_ALGORITHM;
import static com.baedal.process.OrderProcess.PAYMENT_CREDENTIAL_CLAIM_CARD_TOKEN;
import static com.baedal.process.OrderProcess.PAYMENT_CREDENTIAL_CLAIM_ORDER_ID;
import static com.baedal.process.OrderProcess.PAYMENT_CREDENTIAL_ENCRYPTION;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import java.security.interfaces.RSAPublicKey;
import java.util.Date;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals a card token for the payment service at placement (see
 * {@link com.baedal.process.OrderProcess#VAR_PAYMENT_CREDENTIAL}): the process then carries a value only the
 * payment worker can open, so no task user, operator, Cockpit page or history table ever shows the token. The
 * public key comes from {@value #PUBLIC_KEY_PROPERTY} (PEM text or a {@code classpath:}/{@code file:} location);
 * outside the local profile it has no default, and the engine does not start without it.
 */
@Component
public class PaymentCredentialSealer {

    public static final String PUBLIC_KEY_PROPERTY = "baedal.payment.credential.public-key";

    private final RSAEncrypter encrypter;
    private final JWEHeader header;

    public PaymentCredentialSealer(@Value("${" + PUBLIC_KEY_PROPERTY + "}") RSAPublicKey publicKey) {
        if (publicKey.getModulus().bitLength() < 2048) {
            throw new IllegalArgumentException(PUBLIC_KEY_PROPERTY + ": the payment service's key must have at least"
                    + " 2048 bits, not " + publicKey.getModulus().bitLength());
        }
        this.encrypter = new RSAEncrypter(publicKey);
        try {
            this.header = new JWEHeader.Builder(JWEAlgorithm.parse(PAYMENT_CREDENTIAL_ALGORITHM),
                    EncryptionMethod.parse(PAYMENT_CREDENTIAL_ENCRYPTION))
                    .keyID(new RSAKey.Builder(publicKey).build().computeThumbprint().toString())
                    .build();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot compute the thumbprint of the payment service's key", e);
        }
    }

    /** The sealed credential of this order's card token (compact JWE). */
    public String seal(String orderId, String cardToken) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim(PAYMENT_CREDENTIAL_CLAIM_ORDER_ID, orderId)
                .claim(PAYMENT_CREDENTIAL_CLAIM_CARD_TOKEN, cardToken)
                .issueTime(new Date())
                .build();
        EncryptedJWT jwt = new EncryptedJWT(header, claims);
        try {
            jwt.encrypt(encrypter);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot seal the card token of order " + orderId, e);
        }
        return jwt.serialize();
    }
}

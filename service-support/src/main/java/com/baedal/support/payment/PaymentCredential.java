package com.baedal.support.payment;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.util.Date;

/**
 * The sealed payment credential, the one format the engine writes at placement and the payment worker reads before
 * it charges: a compact JWE ({@value #ALGORITHM} + {@value #ENCRYPTION}) encrypted to the payment service's public
 * key, its {@code kid} the RFC 7638 thumbprint of that key, its payload a JWT claims set with the order id
 * ({@value #CLAIM_ORDER_ID}) and the card token ({@value #CLAIM_CARD_TOKEN}). Both halves live here so that the
 * writer and the reader cannot drift apart; each service keeps its own key configuration and checks.
 */
public final class PaymentCredential {

    public static final String ALGORITHM = "RSA-OAEP-256";
    public static final String ENCRYPTION = "A256GCM";
    public static final String CLAIM_ORDER_ID = "orderId";
    public static final String CLAIM_CARD_TOKEN = "cardToken";

    private PaymentCredential() {
    }

    /** RFC 7638 thumbprint of the payment service's public key: the {@code kid} of every sealed credential. */
    static String keyId(RSAPublicKey publicKey) throws JOSEException {
        return new RSAKey.Builder(publicKey).build().computeThumbprint().toString();
    }

    /** Seals card tokens with the payment service's public key (the engine's half). */
    public static final class Sealer {

        private final RSAEncrypter encrypter;
        private final JWEHeader header;

        public Sealer(RSAPublicKey publicKey) {
            this.encrypter = new RSAEncrypter(publicKey);
            try {
                this.header = new JWEHeader.Builder(JWEAlgorithm.parse(ALGORITHM), EncryptionMethod.parse(ENCRYPTION))
                        .keyID(keyId(publicKey))
                        .build();
            } catch (JOSEException e) {
                throw new IllegalStateException("Cannot compute the thumbprint of the payment service's key", e);
            }
        }

        /** The sealed credential of this order's card token (compact JWE). */
        public String seal(String orderId, String cardToken) {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .claim(CLAIM_ORDER_ID, orderId)
                    .claim(CLAIM_CARD_TOKEN, cardToken)
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

    /**
     * Opens sealed credentials with the payment service's private key (the payment worker's half). A complete
     * (CRT) key is needed: its public half gives the {@code kid} a credential must carry.
     */
    public static final class Opener {

        private final RSADecrypter decrypter;
        private final String keyId;

        public Opener(RSAPrivateCrtKey privateKey) {
            this.decrypter = new RSADecrypter(privateKey);
            try {
                RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
                this.keyId = keyId(publicKey);
            } catch (GeneralSecurityException | JOSEException e) {
                throw new IllegalStateException("Cannot derive the public half of the payment service's key", e);
            }
        }

        /**
         * The card token sealed in {@code credential}, which must have been sealed for this order and this key.
         *
         * @throws Refused if it was not (the reason says why)
         */
        public String cardToken(String orderId, String credential) {
            EncryptedJWT jwt;
            try {
                jwt = EncryptedJWT.parse(credential);
            } catch (ParseException e) {
                throw new Refused("it is not a sealed credential");
            }
            JWEHeader header = jwt.getHeader();
            if (!JWEAlgorithm.parse(ALGORITHM).equals(header.getAlgorithm())
                    || !EncryptionMethod.parse(ENCRYPTION).equals(header.getEncryptionMethod())) {
                throw new Refused("it is sealed with " + header.getAlgorithm() + " / " + header.getEncryptionMethod()
                        + " instead of " + ALGORITHM + " / " + ENCRYPTION);
            }
            if (!keyId.equals(header.getKeyID())) {
                throw new Refused("it is sealed for another key (kid " + header.getKeyID() + ", this service's key is "
                        + keyId + ")");
            }
            JWTClaimsSet claims;
            try {
                jwt.decrypt(decrypter);
                claims = jwt.getJWTClaimsSet();
            } catch (JOSEException | ParseException | IllegalStateException e) {
                throw new Refused("it does not open with this service's key (tampered with?)");
            }
            if (orderId == null || !orderId.equals(claims.getClaim(CLAIM_ORDER_ID))) {
                throw new Refused("it was sealed for another order");
            }
            if (!(claims.getClaim(CLAIM_CARD_TOKEN) instanceof String cardToken) || cardToken.isBlank()) {
                throw new Refused("it holds no card token");
            }
            return cardToken;
        }
    }

    /** A credential that does not open for this order and key; the message is the reason, as a clause. */
    public static class Refused extends RuntimeException {

        Refused(String reason) {
            super(reason);
        }
    }
}

package com.baedal.engine.order;

import com.baedal.support.payment.PaymentCredential;
import java.security.interfaces.RSAPublicKey;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals a card token for the payment service at placement (see
 * {@link com.baedal.process.OrderProcess#VAR_PAYMENT_CREDENTIAL}; the format is {@link PaymentCredential}): the
 * process then carries a value only the payment worker can open, so no task user, operator, Cockpit page or history
 * table ever shows the token. The public key comes from {@value #PUBLIC_KEY_PROPERTY} (PEM text or a
 * {@code classpath:}/{@code file:} location); outside the local profile it has no default, and the engine does not
 * start without it.
 */
@Component
public class PaymentCredentialSealer {

    public static final String PUBLIC_KEY_PROPERTY = "baedal.payment.credential.public-key";

    private final PaymentCredential.Sealer sealer;

    public PaymentCredentialSealer(@Value("${" + PUBLIC_KEY_PROPERTY + "}") RSAPublicKey publicKey) {
        if (publicKey.getModulus().bitLength() < 2048) {
            throw new IllegalArgumentException(PUBLIC_KEY_PROPERTY + ": the payment service's key must have at least"
                    + " 2048 bits, not " + publicKey.getModulus().bitLength());
        }
        this.sealer = new PaymentCredential.Sealer(publicKey);
    }

    /** The sealed credential of this order's card token (compact JWE). */
    public String seal(String orderId, String cardToken) {
        return sealer.seal(orderId, cardToken);
    }
}

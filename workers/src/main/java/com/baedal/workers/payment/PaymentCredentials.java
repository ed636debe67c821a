package com.baedal.workers.payment;

import static com.baedal.process.OrderProcess.VAR_PAYMENT_CREDENTIAL;

import com.baedal.support.payment.PaymentCredential;
import com.baedal.workers.support.TaskVariables;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Opens the payment credential the engine sealed at placement
 * ({@link com.baedal.process.OrderProcess#VAR_PAYMENT_CREDENTIAL}; the format is {@link PaymentCredential}) right
 * before the card provider is called. Only this service holds the private key ({@value #PRIVATE_KEY_PROPERTY}: PEM
 * text or a {@code classpath:}/{@code file:} location; no default outside the local profile). A credential that was
 * tampered with, sealed for another key or for another order is refused with
 * {@link InvalidPaymentCredentialException}: the task fails with that message and nothing is charged.
 */
@Component
public class PaymentCredentials {

    public static final String PRIVATE_KEY_PROPERTY = "baedal.payment.credential.private-key";

    private final PaymentCredential.Opener opener;

    public PaymentCredentials(@Value("${" + PRIVATE_KEY_PROPERTY + "}") RSAPrivateKey privateKey) {
        // the public half (whose thumbprint the engine puts into the kid) is derived from the CRT parameters
        if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException(PRIVATE_KEY_PROPERTY + " must be a complete RSA private key (PKCS#8)");
        }
        this.opener = new PaymentCredential.Opener(crt);
    }

    /** The card token of the task's order (its business key is the order id). */
    public String cardToken(ExternalTask task) {
        return cardToken(task.getBusinessKey(), TaskVariables.string(task, VAR_PAYMENT_CREDENTIAL));
    }

    /** The card token sealed in {@code credential}, which must have been sealed for this order and this key. */
    public String cardToken(String orderId, String credential) {
        try {
            return opener.cardToken(orderId, credential);
        } catch (PaymentCredential.Refused e) {
            throw new InvalidPaymentCredentialException(orderId, e.getMessage());
        }
    }

    /** The payment credential of an order cannot be used; the charge must not happen. */
    public static class InvalidPaymentCredentialException extends RuntimeException {

        InvalidPaymentCredentialException(String orderId, String why) {
            super("The payment credential of order " + orderId + " is refused: " + why + ". Nothing was charged.");
        }
    }
}

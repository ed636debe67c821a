package com.baedal.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baedal.engine.order.PaymentCredentialSealer;
import com.baedal.workers.payment.PaymentCredentials.InvalidPaymentCredentialException;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateKeySpec;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.converter.RsaKeyConverters;

/**
 * What the payment service adds to the credential codec ({@code PaymentCredential}, tested in service-support): the
 * local dev key pair opens what the engine (the real {@link PaymentCredentialSealer}) sealed, a refused credential
 * fails the charge with the order's id and "nothing was charged", and a private key without its public half is
 * refused at start.
 */
class PaymentCredentialsTest {

    private final RSAPublicKey publicKey = RsaKeyConverters.x509()
            .convert(read("local-dev/payment-credential-public.pem"));
    private final RSAPrivateKey privateKey = RsaKeyConverters.pkcs8()
            .convert(read("local-dev/payment-credential-private.pem"));
    private final PaymentCredentialSealer sealer = new PaymentCredentialSealer(publicKey);
    private final PaymentCredentials credentials = new PaymentCredentials(privateKey);
    private final String orderId = UUID.randomUUID().toString();

    @Test
    void opensWhatTheEngineSealedForTheOrder() {
        String sealed = sealer.seal(orderId, "tok_visa");

        assertThat(credentials.cardToken(orderId, sealed)).isEqualTo("tok_visa");
    }

    @Test
    void aRefusedCredentialNamesTheOrderAndThatNothingWasCharged() {
        String sealedForAnother = sealer.seal(UUID.randomUUID().toString(), "tok_visa");

        assertThatThrownBy(() -> credentials.cardToken(orderId, sealedForAnother))
                .isInstanceOf(InvalidPaymentCredentialException.class)
                .hasMessageContaining(orderId).hasMessageContaining("another order")
                .hasMessageContaining("Nothing was charged");
    }

    @Test
    void refusesAPrivateKeyWithoutItsPublicHalf() throws GeneralSecurityException {
        // the kid of what the engine seals is the thumbprint of the public half: opening needs the complete key
        RSAPrivateCrtKey complete = (RSAPrivateCrtKey) privateKey;
        RSAPrivateKey modulusAndExponentOnly = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new RSAPrivateKeySpec(complete.getModulus(), complete.getPrivateExponent()));

        assertThatThrownBy(() -> new PaymentCredentials(modulusAndExponentOnly))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PaymentCredentials.PRIVATE_KEY_PROPERTY)
                .hasMessageContaining("complete RSA private key");
    }

    private static InputStream read(String path) {
        try {
            return new ClassPathResource(path).getInputStream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

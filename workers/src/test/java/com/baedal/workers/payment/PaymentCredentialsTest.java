package com.baedal.workers.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baedal.engine.order.PaymentCredentialSealer;
import com.baedal.workers.payment.PaymentCredentials.InvalidPaymentCredentialException;
import java.io.IOException;
import java.io.InputStream;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.converter.RsaKeyConverters;

/**
 * The engine's sealing (the real {@link PaymentCredentialSealer}) against this service's opening, with the local
 * dev key pair: the card token comes out only for the order and the key it was sealed for.
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

        assertThat(sealed).doesNotContain("tok_visa").matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(new String(Base64.getUrlDecoder().decode(sealed.substring(0, sealed.indexOf('.')))))
                .contains("\"alg\":\"RSA-OAEP-256\"", "\"enc\":\"A256GCM\"", "\"kid\"");
        assertThat(credentials.cardToken(orderId, sealed)).isEqualTo("tok_visa");
        // sealing is randomised: the same token never gives the same credential twice
        assertThat(sealer.seal(orderId, "tok_visa")).isNotEqualTo(sealed);
    }

    @Test
    void refusesACredentialSealedForAnotherOrder() {
        String sealedForAnother = sealer.seal(UUID.randomUUID().toString(), "tok_visa");

        assertThatThrownBy(() -> credentials.cardToken(orderId, sealedForAnother))
                .isInstanceOf(InvalidPaymentCredentialException.class)
                .hasMessageContaining(orderId).hasMessageContaining("another order")
                .hasMessageContaining("Nothing was charged");
    }

    @Test
    void refusesATamperedCredential() {
        String sealed = sealer.seal(orderId, "tok_visa");
        String[] parts = sealed.split("\\.");
        char[] ciphertext = parts[3].toCharArray();
        ciphertext[0] = ciphertext[0] == 'A' ? 'B' : 'A';
        parts[3] = new String(ciphertext);

        assertThatThrownBy(() -> credentials.cardToken(orderId, String.join(".", parts)))
                .isInstanceOf(InvalidPaymentCredentialException.class).hasMessageContaining("does not open");
    }

    @Test
    void refusesACredentialSealedForAnotherKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String foreign = new PaymentCredentialSealer((RSAPublicKey) generator.generateKeyPair().getPublic())
                .seal(orderId, "tok_visa");

        assertThatThrownBy(() -> credentials.cardToken(orderId, foreign))
                .isInstanceOf(InvalidPaymentCredentialException.class).hasMessageContaining("another key");
    }

    @Test
    void refusesWhatIsNotASealedCredential() {
        assertThatThrownBy(() -> credentials.cardToken(orderId, "tok_visa"))
                .isInstanceOf(InvalidPaymentCredentialException.class)
                .hasMessageContaining("not a sealed credential");
    }

    private static InputStream read(String path) {
        try {
            return new ClassPathResource(path).getInputStream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

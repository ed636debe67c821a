package com.baedal.support.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The format both halves share: what the sealer writes only the opener of the same key pair reads, per order. */
class PaymentCredentialTest {

    private static final KeyPair KEYS = keyPair();

    private final PaymentCredential.Sealer sealer = new PaymentCredential.Sealer((RSAPublicKey) KEYS.getPublic());
    private final PaymentCredential.Opener opener = new PaymentCredential.Opener((RSAPrivateCrtKey) KEYS.getPrivate());
    private final String orderId = UUID.randomUUID().toString();

    @Test
    void opensWhatWasSealedForTheOrder() {
        String sealed = sealer.seal(orderId, "tok_visa");

        assertThat(sealed).doesNotContain("tok_visa").matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThat(new String(Base64.getUrlDecoder().decode(sealed.substring(0, sealed.indexOf('.')))))
                .contains("\"alg\":\"RSA-OAEP-256\"", "\"enc\":\"A256GCM\"", "\"kid\"");
        assertThat(opener.cardToken(orderId, sealed)).isEqualTo("tok_visa");
        // sealing is randomised: the same token never gives the same credential twice
        assertThat(sealer.seal(orderId, "tok_visa")).isNotEqualTo(sealed);
    }

    @Test
    void refusesACredentialSealedForAnotherOrder() {
        String sealedForAnother = sealer.seal(UUID.randomUUID().toString(), "tok_visa");

        assertThatThrownBy(() -> opener.cardToken(orderId, sealedForAnother))
                .isInstanceOf(PaymentCredential.Refused.class).hasMessage("it was sealed for another order");
    }

    @Test
    void refusesATamperedCredential() {
        String[] parts = sealer.seal(orderId, "tok_visa").split("\\.");
        char[] ciphertext = parts[3].toCharArray();
        ciphertext[0] = ciphertext[0] == 'A' ? 'B' : 'A';
        parts[3] = new String(ciphertext);

        assertThatThrownBy(() -> opener.cardToken(orderId, String.join(".", parts)))
                .isInstanceOf(PaymentCredential.Refused.class).hasMessageContaining("does not open");
    }

    @Test
    void refusesACredentialSealedForAnotherKey() {
        String foreign = new PaymentCredential.Sealer((RSAPublicKey) keyPair().getPublic()).seal(orderId, "tok_visa");

        assertThatThrownBy(() -> opener.cardToken(orderId, foreign))
                .isInstanceOf(PaymentCredential.Refused.class).hasMessageContaining("another key");
    }

    @Test
    void refusesWhatIsNotASealedCredential() {
        assertThatThrownBy(() -> opener.cardToken(orderId, "tok_visa"))
                .isInstanceOf(PaymentCredential.Refused.class).hasMessageContaining("not a sealed credential");
    }

    @Test
    void refusesACredentialWithoutACardToken() {
        String sealed = sealer.seal(orderId, " ");

        assertThatThrownBy(() -> opener.cardToken(orderId, sealed))
                .isInstanceOf(PaymentCredential.Refused.class).hasMessageContaining("no card token");
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

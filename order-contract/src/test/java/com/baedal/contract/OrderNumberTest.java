package com.baedal.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderNumberTest {

    /** What JavaScript's Number() and isNaN() accept as a number (decimal, exponent, hex/octal/binary literals). */
    private static final Pattern JS_NUMBER = Pattern.compile(
            "\\s*([+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[+-]?Infinity)\\s*");
    /** The shapes of an ISO date that date pickers and moment.js take for one. */
    private static final Pattern DATE_LIKE = Pattern.compile("\\d{4}-\\d{2}(-\\d{2})?.*|\\d{4}-\\d{3}|\\d{8}.*");

    @Test
    void isThePrefixAndTheFirstEightHexDigitsOfTheOrderIdUpperCase() {
        assertThat(OrderNumber.of("7af22352-1c0e-4f3b-9a51-0c1d2e3f4a5b")).isEqualTo("BD-7AF22352");
        String orderId = UUID.randomUUID().toString();
        assertThat(OrderNumber.of(orderId)).matches("BD-[0-9A-F]{8}")
                .isEqualTo(OrderNumber.of(orderId.toUpperCase()));
    }

    /** The order ids whose old numbers (the bare hex digits) a search box took for a number. */
    @ParameterizedTest
    @ValueSource(strings = {"12345678", "1e345678", "00000000", "1E345678", "99999999", "0e000000", "12345e67"})
    void isNeverANumberNorADateWhateverTheOrderIdStartsWith(String start) {
        String number = OrderNumber.of(start + "-1c0e-4f3b-9a51-0c1d2e3f4a5b");
        assertThat(start.toUpperCase()).matches(JS_NUMBER); // the old number was one
        assertThat(number).doesNotMatch(JS_NUMBER).doesNotMatch(DATE_LIKE);
        assertThatThrownBy(() -> Double.parseDouble(number)).isInstanceOf(NumberFormatException.class);
        assertThat(Character.isLetter(number.charAt(0))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1234567", "xyz45678-1c0e-4f3b-9a51-0c1d2e3f4a5b", "1234 678"})
    void refusesWhatIsNoOrderId(String notAnOrderId) {
        assertThatThrownBy(() -> OrderNumber.of(notAnOrderId)).isInstanceOf(IllegalArgumentException.class);
    }
}

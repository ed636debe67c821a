package com.baedal.support.validation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeTextValidatorTest {

    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    record Line(@SafeText @Size(max = 10) String text) {
    }

    record Reason(@SafeText(multiline = true) String text) {
    }

    record Id(@Uuid String id) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"Teheran-ro", "서울 강남구", "café ☕", "a'b\"c<d>", "🍗🍗"})
    void textPeopleTypeIsValid(String text) {
        assertThat(VALIDATOR.validate(new Line(text))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "\u0001", "tab\there", "line\nbreak", "cr\r", "esc\u001b[31m", "del\u007f",
            "c1\u0085", "a\ud800b", "\udc00"})
    void controlCharactersAndBrokenSurrogatesAreNot(String text) {
        assertThat(VALIDATOR.validate(new Line(text))).singleElement()
                .satisfies(violation -> assertThat(violation.getMessage()).contains("control characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Out of rice.\nSorry!", "a\r\nb", "col\tumn"})
    void multilineTextMayBreakLines(String text) {
        assertThat(VALIDATOR.validate(new Reason(text))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "bell\u0007"})
    void butNotCarryOtherControlCharacters(String text) {
        assertThat(VALIDATOR.validate(new Reason(text))).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11", "0B9C4C8E-5D1B-4D5E-9B44-3F3F1F0E2A11"})
    void uuidsAreIds(String id) {
        assertThat(VALIDATOR.validate(new Id(id))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"o-1", "1-1-1-1-1", "0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a1",
            "0b9c4c8e5d1b4d5e9b443f3f1f0e2a11",
            "0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11 ", "0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a1g", ""})
    void anythingElseIsNot(String id) {
        assertThat(VALIDATOR.validate(new Id(id))).singleElement()
                .satisfies(violation -> assertThat(violation.getMessage()).isEqualTo("must be a UUID"));
    }
}

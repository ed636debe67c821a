package com.baedal.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one rule of what is an expression, as the gateway and the engine apply it. */
class ExpressionsTest {

    @ParameterizedTest
    @ValueSource(strings = {"${x}", "#{x}", "a ${b} c", "%24%7Bx%7D", "%24%7bx%7d", "%23%7Bx%7D", "%2524%257Bx%257D",
            "%24{x}", "$%7Bx}", "${currentUser()}", "#{currentUser()}", "%24%7BcurrentUser()%7D", "%2524%257B1%257D",
            "%23%7b1%7d"})
    void recognisesExpressionsPlainAndUrlEncoded(String value) {
        assertThat(Expressions.containsExpression(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "demo", "$ {x}", "price $5 {cheap}", "100%", "%zz", "{x}", "#tag", "100% $ {fine}",
            "Accept%"})
    void leavesHarmlessValuesAlone(String value) {
        assertThat(Expressions.containsExpression(value)).isFalse();
    }
}

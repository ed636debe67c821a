package com.baedal.gateway.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "app-42.req_7", "4bf92f3577b34da6a3ce929d0e0e4736", "span:1"})
    void keepsSaneIds(String id) {
        assertThat(RequestIdFilter.requestId(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "new\nline", "<script>", "quote\"", "é"})
    void replacesInsaneIds(String id) {
        assertThat(RequestIdFilter.requestId(id)).isNotEqualTo(id).matches("[0-9a-f-]{36}");
    }

    @Test
    void replacesOverlongAndMissingIds() {
        assertThat(RequestIdFilter.requestId("x".repeat(129))).matches("[0-9a-f-]{36}");
        assertThat(RequestIdFilter.requestId("x".repeat(128))).isEqualTo("x".repeat(128));
        assertThat(RequestIdFilter.requestId(null)).matches("[0-9a-f-]{36}");
    }
}

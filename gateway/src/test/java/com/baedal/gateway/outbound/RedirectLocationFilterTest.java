package com.baedal.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedirectLocationFilterTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // location                                 | request Host      | public base URL             | expected
            "http://evil.example/camunda/app/            | evil.example      | -                           | /camunda/app/",
            "http://evil.example:8080/camunda/app/?a=1#x | evil.example:8080 | -                           | /camunda/app/?a=1#x",
            "https://evil.example                        | evil.example      | -                           | /",
            "//evil.example/camunda/                     | evil.example      | -                           | /camunda/",
            "http://evil.example/camunda/app/            | evil.example      | https://baedal.example      | https://baedal.example/camunda/app/",
            "http://evil.example/camunda/app/            | evil.example      | https://baedal.example/     | https://baedal.example/camunda/app/",
            "http://[::1]:8080/camunda/                  | [::1]:8080        | -                           | /camunda/",
            "/camunda/app/                               | evil.example      | -                           | /camunda/app/",
            "https://login.example/authorize             | evil.example      | -                           | https://login.example/authorize"})
    void locationsOnTheRequestsHostLoseIt(String location, String host, String base, String expected) {
        assertThat(RedirectLocationFilter.rewrite(location, host, base == null ? null : URI.create(base)))
                .isEqualTo(expected);
    }
}

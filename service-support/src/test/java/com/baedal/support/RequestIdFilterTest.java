package com.baedal.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestIdFilterTest {

    private static final String ORDER = "0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11";

    final RequestIdFilter filter = new RequestIdFilter();
    final MockHttpServletResponse response = new MockHttpServletResponse();
    /** requestId and orderId as the MDC showed them inside the chain. */
    final List<String> seen = new ArrayList<>();
    final FilterChain recordingChain = (req, res) -> {
        seen.add(MDC.get(RequestIdFilter.MDC_KEY));
        seen.add(MDC.get(OrderLogContext.MDC_KEY));
    };

    @AfterEach
    void cleanMdc() {
        MDC.clear();
    }

    private static MockHttpServletRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRequestURI(path);
        return request;
    }

    @Test
    void keepsTheGatewaysRequestIdInMdcAndResponse() throws Exception {
        MockHttpServletRequest request = request("/api/stores");
        request.addHeader(RequestIdFilter.HEADER, "gw-4f2a:17.x_y");

        filter.doFilter(request, response, recordingChain);

        assertThat(response.getHeader(RequestIdFilter.HEADER)).isEqualTo("gw-4f2a:17.x_y");
        assertThat(seen).containsExactly("gw-4f2a:17.x_y", null);
        assertThat(request.getAttribute(RequestIdFilter.ATTRIBUTE)).isEqualTo("gw-4f2a:17.x_y");
        assertThat(MDC.get(RequestIdFilter.MDC_KEY)).isNull();
    }

    @Test
    void generatesAnIdWhenThereIsNone() throws Exception {
        filter.doFilter(request("/api/stores"), response, recordingChain);

        String generated = response.getHeader(RequestIdFilter.HEADER);
        assertThat(generated).isNotBlank();
        assertThat(UUID.fromString(generated).toString()).isEqualTo(generated);
        assertThat(seen.get(0)).isEqualTo(generated);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "line\nbreak", "semi;colon", "<script>",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void replacesAnInsaneIdByAGeneratedOne(String insane) throws Exception {
        MockHttpServletRequest request = request("/api/stores");
        request.addHeader(RequestIdFilter.HEADER, insane);

        filter.doFilter(request, response, recordingChain);

        String used = response.getHeader(RequestIdFilter.HEADER);
        assertThat(used).isNotEqualTo(insane);
        assertThat(UUID.fromString(used).toString()).isEqualTo(used);
        assertThat(seen.get(0)).isEqualTo(used);
    }

    @Test
    void aHeaderOf128SaneCharactersIsKept() {
        String longest = "a".repeat(128);
        assertThat(RequestIdFilter.requestId(longest)).isEqualTo(longest);
        assertThat(RequestIdFilter.requestId(longest + "a")).isNotEqualTo(longest + "a");
    }

    @Test
    void putsTheOrderOfThePathIntoMdcAndClearsBothAfterwards() throws Exception {
        filter.doFilter(request("/api/stores/chicken-gangnam/orders/" + ORDER + "/accept"), response,
                recordingChain);

        assertThat(seen.get(1)).isEqualTo(ORDER);
        assertThat(MDC.get(RequestIdFilter.MDC_KEY)).isNull();
        assertThat(MDC.get(OrderLogContext.MDC_KEY)).isNull();
    }

    @Test
    void clearsTheMdcWhenTheChainFails() {
        FilterChain failing = (req, res) -> {
            throw new IllegalStateException("boom");
        };

        assertThatThrownBy(() -> filter.doFilter(request("/api/orders/" + ORDER), response, failing))
                .hasMessage("boom");
        assertThat(MDC.get(RequestIdFilter.MDC_KEY)).isNull();
        assertThat(MDC.get(OrderLogContext.MDC_KEY)).isNull();
    }

    @Test
    void theErrorDispatchAfterSendErrorLogsWithTheSameIds() throws Exception {
        MockHttpServletRequest request = request("/api/deliveries/" + ORDER + "/pick");
        request.addHeader(RequestIdFilter.HEADER, "req-1");
        filter.doFilter(request, response, (req, res) -> { });
        // the container's error page dispatch of the same request, after the filter returned
        request.setDispatcherType(DispatcherType.ERROR);

        filter.doFilter(request, response, recordingChain);

        assertThat(seen).containsExactly("req-1", ORDER);
        assertThat(MDC.get(RequestIdFilter.MDC_KEY)).isNull();
    }

    @Test
    void theContextPathIsNotPartOfTheOrderPath() throws Exception {
        MockHttpServletRequest request = request("/svc/api/payments/" + ORDER);
        request.setContextPath("/svc");

        filter.doFilter(request, response, recordingChain);

        assertThat(seen.get(1)).isEqualTo(ORDER);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "/api/orders/o-1, o-1",
            "/api/orders/o-1/cancel, o-1",
            "/api/orders/o-1/stream, o-1",
            "/api/stores/chicken-gangnam/orders/o-1/accept, o-1",
            "/api/stores/chicken-gangnam/orders/o-1/cooking-finished, o-1",
            "/api/deliveries/o-1/pick, o-1",
            "/api/deliveries/o-1/complete, o-1",
            "/api/payments/o-1, o-1",
            "/api/orders, -",
            "/api/orders/, -",
            "/api/deliveries, -",
            "/api/stores, -",
            "/api/stores/chicken-gangnam/menu, -",
            "/api/stores/chicken-gangnam/orders, -",
            "/api/dev/tokens, -",
            "/engine-rest/task, -",
            "/camunda/app/tasklist/, -",
            "/api/orders/o%0A1, -",
            "/xapi/orders/o-1, -"})
    void findsTheOrderIdOfAnApiPath(String path, String orderId) {
        assertThat(RequestIdFilter.orderIdOf(path)).isEqualTo(orderId);
    }
}

package com.baedal.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.server.PathContainer;

class PathGuardFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"/camunda/../actuator/env", "/camunda/%2e%2e/actuator", "/camunda/%2E%2E/actuator",
            "/camunda/..;/actuator", "/camunda/./x", "/api/payments/..%2Fx", "/api/payments/a%2fb",
            "/api/payments/a%5cb", "/api/payments/a%00b", "/engine-rest/.%2e/actuator"})
    void refusesPathsAnUpstreamWouldNormalise(String path) {
        assertThat(PathGuardFilter.isSafe(PathContainer.parsePath(path))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/orders/%01/cancel", "/api/orders/a%0Ab", "/api/orders/%7F", "/api/orders/%C2%85",
            "/api/orders/%C0%80/cancel", "/api/stores/%FF/menu", "/api/orders/%E2%82"})
    void refusesControlCharactersAndBytesThatAreNoUtf8(String path) {
        assertThat(PathGuardFilter.isSafe(PathContainer.parsePath(path))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/api/orders", "/api/orders/o-1/stream", "/camunda/app/tasklist/default/",
            "/engine-rest/task", "/camunda/app/..x/a", "/api/stores/a.b/menu", "/camunda/api/engine/engine/default/task",
            "/api/stores/%EA%B0%95%EB%82%A8/menu", "/api/stores/caf%C3%A9/menu"})
    void acceptsOrdinaryPaths(String path) {
        assertThat(PathGuardFilter.isSafe(PathContainer.parsePath(path))).isTrue();
    }
}

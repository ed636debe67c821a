package com.baedal.gateway.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"engine-rest/task", "engine-rest/task/count", "engine-rest/filter",
            "engine-rest/filter/create", "engine-rest/filter/f-1", "engine-rest/filter/f-1/list",
            "engine-rest/filter/f-1/count", "engine-rest/filter/f-1/singleResult", "engine-rest/engine/default/task",
            "engine-rest/engine/other/filter/f/list", "camunda/api/engine/engine/default/task",
            "camunda/api/engine/engine/default/task/count", "camunda/api/engine/engine/default/filter/f-1/list",
            "ENGINE-REST/Task"})
    void inspectsTaskAndFilterQueries(String path) {
        assertThat(ExpressionGuard.inspects(segments(path))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"engine-rest/task/t-1", "engine-rest/task/t-1/complete", "engine-rest/task/t-1/form-variables",
            "engine-rest/process-instance", "engine-rest/deployment/create", "engine-rest", "camunda/app/tasklist",
            "camunda/api/admin/auth/user/default/login/tasklist", "api/orders", "camunda/api/engine/engine/default",
            "camunda/api/cockpit/plugin/base/default/process-instance"})
    void leavesOtherRequestsAlone(String path) {
        assertThat(ExpressionGuard.inspects(segments(path))).isFalse();
    }

    @Test
    void findsExpressionsAtAnyDepthOfTheJson() {
        assertThat(ExpressionGuard.findInJson(bytes("{\"assigneeExpression\":\"${currentUser()}\"}")))
                .hasValue("assigneeExpression");
        assertThat(ExpressionGuard.findInJson(bytes(
                "{\"assignee\":\"a\",\"orQueries\":[{\"nameLike\":\"x\"},{\"candidateGroupsExpression\":\"#{g}\"}]}")))
                .hasValue("candidateGroupsExpression");
        assertThat(ExpressionGuard.findInJson(bytes("{\"q\":{\"deep\":[[{\"x\":\"\\u0024{y}\"}]]}}"))).hasValue("x");
        assertThat(ExpressionGuard.findInJson(bytes("{\"${k}\":1}"))).hasValue("${k}");
        assertThat(ExpressionGuard.findInJson(bytes("[\"${x}\"]"))).hasValue("(root)");
    }

    @Test
    void readsJsonInOtherUnicodeEncodings() {
        byte[] utf16 = "{\"orQueries\":[{\"assigneeExpression\":\"${x}\"}]}".getBytes(StandardCharsets.UTF_16BE);
        assertThat(ExpressionGuard.findInJson(utf16)).hasValue("assigneeExpression");
    }

    @Test
    void acceptsHarmlessJson() {
        assertThat(ExpressionGuard.findInJson(new byte[0])).isEmpty();
        assertThat(ExpressionGuard.findInJson(bytes("{}"))).isEmpty();
        assertThat(ExpressionGuard.findInJson(bytes(
                "{\"assignee\":\"demo\",\"orQueries\":[{\"candidateGroup\":\"store-1\"}],\"maxResults\":5}")))
                .isEmpty();
    }

    @Test
    void refusesBodiesThatAreNotOneJsonDocument() {
        for (String body : List.of("{\"a\":", "not json", "{} {\"a\":\"b\"}", "{\"a\":1}]")) {
            assertThatThrownBy(() -> ExpressionGuard.findInJson(bytes(body)))
                    .as(body).isInstanceOf(ExpressionGuard.InvalidJsonException.class);
        }
    }

    @Test
    void findsExpressionsInQueryParameters() {
        assertThat(ExpressionGuard.findInQuery(Map.of("assigneeExpression", List.of("${x}")))).hasValue("assigneeExpression");
        assertThat(ExpressionGuard.findInQuery(Map.of("#{k}", List.of("v")))).hasValue("#{k}");
        assertThat(ExpressionGuard.findInQuery(Map.of("a", List.of("ok", "%24%7Bx%7D")))).hasValue("a");
        assertThat(ExpressionGuard.findInQuery(Map.of("candidateGroup", List.of("store-1")))).isEmpty();
    }

    private static List<String> segments(String path) {
        return Arrays.asList(path.split("/"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

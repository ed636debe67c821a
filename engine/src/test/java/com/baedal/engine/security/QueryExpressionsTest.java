package com.baedal.engine.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.junit.jupiter.api.Test;

/** Expressions in a task query are refused, without an engine (what counts as one: {@code ExpressionsTest}). */
class QueryExpressionsTest {

    @Test
    void anExpressionAnywhereInAnAdHocQueryIsRefused() {
        TaskQueryImpl orQuery = new TaskQueryImpl();
        orQuery.taskAssigneeExpression("${currentUser()}");
        TaskQueryImpl query = new TaskQueryImpl();
        query.addOrQuery(orQuery);
        assertThatThrownBy(() -> QueryExpressions.refuseInAdhocQuery(query, "the task query"))
                .isInstanceOf(BadUserRequestException.class).hasMessageContaining("taskAssignee");

        TaskQueryImpl literal = new TaskQueryImpl();
        literal.taskNameLike("%24%7B1%7D");
        assertThatThrownBy(() -> QueryExpressions.refuseInAdhocQuery(literal, "the task query"))
                .isInstanceOf(BadUserRequestException.class);

        TaskQueryImpl plain = new TaskQueryImpl();
        plain.taskNameLike("Accept%");
        assertThatCode(() -> QueryExpressions.refuseInAdhocQuery(plain, "the task query")).doesNotThrowAnyException();
    }
}

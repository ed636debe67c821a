package com.baedal.engine.security;

import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Every task query that is run as an engine command is an ad-hoc one (engine REST {@code /task}, {@code /task/count},
 * the webapps' API, our own code): refused when it carries an expression ({@link QueryExpressions}). Stored filter
 * queries run inside the filter command instead and are checked by {@link GuardedFilterService}.
 */
class AdhocQueryExpressionInterceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
        if (command instanceof TaskQueryImpl query) {
            QueryExpressions.refuseInAdhocQuery(query, "the task query");
        }
        return next.execute(command);
    }
}

package com.baedal.engine.security;

import java.util.List;
import java.util.function.Consumer;
import lombok.RequiredArgsConstructor;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.FilterServiceImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterCountCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterListCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterListPageCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteFilterSingleResultCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.query.Query;

/**
 * Camunda's filter service with {@link QueryExpressions} in front of saving and running filters (engine REST and the
 * webapps' API use it for {@code /filter/**}). Each check runs in the same command as the save or the query. A query
 * that extends a filter (Tasklist's search) passes the platform's search rules first.
 */
@RequiredArgsConstructor
class GuardedFilterService extends FilterServiceImpl {

    private final Consumer<Query<?, ?>> searchRules;

    @Override
    public Filter saveFilter(Filter filter) {
        return commandExecutor.execute(context -> {
            QueryExpressions.refuseOnSave(filter, context.getAuthenticatedUserId() == null);
            return new SaveFilterCmd(filter).execute(context);
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> List<T> list(String filterId) {
        return (List<T>) run(filterId, null, new ExecuteFilterListCmd(filterId));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T, Q extends Query<?, T>> List<T> list(String filterId, Q extendingQuery) {
        return (List<T>) run(filterId, extendingQuery, new ExecuteFilterListCmd(filterId, extendingQuery));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> List<T> listPage(String filterId, int firstResult, int maxResults) {
        return (List<T>) run(filterId, null, new ExecuteFilterListPageCmd(filterId, firstResult, maxResults));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T, Q extends Query<?, T>> List<T> listPage(String filterId, Q extendingQuery, int firstResult,
                                                       int maxResults) {
        return (List<T>) run(filterId, extendingQuery,
                new ExecuteFilterListPageCmd(filterId, extendingQuery, firstResult, maxResults));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T singleResult(String filterId) {
        return (T) run(filterId, null, new ExecuteFilterSingleResultCmd(filterId));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T, Q extends Query<?, T>> T singleResult(String filterId, Q extendingQuery) {
        return (T) run(filterId, extendingQuery, new ExecuteFilterSingleResultCmd(filterId, extendingQuery));
    }

    @Override
    public Long count(String filterId) {
        return run(filterId, null, new ExecuteFilterCountCmd(filterId));
    }

    @Override
    public Long count(String filterId, Query<?, ?> extendingQuery) {
        return run(filterId, extendingQuery, new ExecuteFilterCountCmd(filterId, extendingQuery));
    }

    private <T> T run(String filterId, Query<?, ?> extendingQuery, Command<T> execution) {
        return commandExecutor.execute(context -> {
            if (extendingQuery != null) {
                QueryExpressions.refuseInAdhocQuery(extendingQuery, "the query extending filter " + filterId);
                searchRules.accept(extendingQuery);
            }
            if (filterId != null) {
                QueryExpressions.refuseInStoredQuery(context.getFilterManager().findFilterById(filterId));
            }
            return execution.execute(context);
        });
    }
}

package com.baedal.engine.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import com.baedal.support.security.Expressions;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.json.JsonTaskQueryConverter;
import org.camunda.bpm.engine.query.Query;

/**
 * The engine's own guard against CVE-2026-109432 (JUEL expressions in a task query's {@code orQueries} slip past
 * Camunda's check of ad-hoc query expressions: code execution for any logged-in user), in addition to the
 * gateway's: anything that reaches the engine directly is guarded too.
 * <ul>
 *   <li>an ad-hoc task query (engine REST, the webapps' API, the query that extends a filter) carries no expression:
 *       neither an expression field ({@code ...Expression}) in the query or any of its {@code orQueries}, nor
 *       {@code ${} / {@code #{} in any of its values, also URL-encoded (what the gateway refuses, and more);</li>
 *   <li>a filter is saved with expressions only by the engine itself (no authenticated user), and only with the
 *       expressions of its shared Tasklist filters ({@link #ENGINE_FILTER_EXPRESSIONS}); a user (administrators
 *       included) saves no filter whose query has an expression, so the shared filters cannot be changed into
 *       something else either;</li>
 *   <li>a stored filter query is evaluated only when all its expressions are exactly those: a filter stored before
 *       this guard, with anything else, is refused instead of evaluated.</li>
 * </ul>
 * Refusals are {@link BadUserRequestException} (engine REST: 400), before anything is evaluated.
 */
final class QueryExpressions {

    /**
     * The only expressions the engine ever evaluates in a task query, by the query field they fill: the current
     * user's groups for the candidate groups, the current user for the assignee. They call no method on anything
     * a user controls.
     */
    static final Map<String, String> ENGINE_FILTER_EXPRESSIONS = Map.of(
            "taskCandidateGroupIn", "${currentUserGroups()}",
            "taskAssignee", "${currentUser()}");

    private static final ObjectMapper JSON = new ObjectMapper();

    private QueryExpressions() {
    }

    /** Refuses an ad-hoc task query with an expression anywhere; other queries take no expressions. */
    static void refuseInAdhocQuery(Query<?, ?> query, String what) {
        if (!(query instanceof TaskQueryImpl taskQuery)) {
            return;
        }
        for (TaskQueryImpl part : taskQuery.getQueries()) {
            if (!part.getExpressions().isEmpty()) {
                throw refused(what, "expression field(s) " + part.getExpressions().keySet());
            }
        }
        findInValues(taskQuery).ifPresent(field -> {
            throw refused(what, "field '" + field + "'");
        });
    }

    /** Refuses saving a filter whose query has an expression, unless the engine itself saves one of its own. */
    static void refuseOnSave(Filter filter, boolean byTheEngineItself) {
        if (!(filter.getQuery() instanceof TaskQueryImpl taskQuery)) {
            return;
        }
        if (byTheEngineItself) {
            refuseOtherThanTheEngines(taskQuery, "filter '" + filter.getName() + "'");
        } else {
            refuseInAdhocQuery(taskQuery, "filter '" + filter.getName() + "'");
        }
    }

    /** Refuses running a stored filter whose expressions are not exactly the engine's own. */
    static void refuseInStoredQuery(Filter filter) {
        if (filter != null && filter.getQuery() instanceof TaskQueryImpl taskQuery) {
            refuseOtherThanTheEngines(taskQuery, "stored filter '" + filter.getName() + "'");
        }
    }

    private static void refuseOtherThanTheEngines(TaskQueryImpl taskQuery, String what) {
        for (TaskQueryImpl part : taskQuery.getQueries()) {
            for (Map.Entry<String, String> expression : part.getExpressions().entrySet()) {
                if (!expression.getValue().equals(ENGINE_FILTER_EXPRESSIONS.get(expression.getKey()))) {
                    throw refused(what, "expression field '" + expression.getKey() + "'");
                }
            }
        }
    }

    /** The first value of the query (as the engine stores it, orQueries included) holding an expression. */
    private static Optional<String> findInValues(TaskQueryImpl query) {
        JsonNode json;
        try {
            json = JSON.readTree(new JsonTaskQueryConverter().toJsonObject(query).toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read back a task query", e);
        }
        return find(json, "(query)");
    }

    private static Optional<String> find(JsonNode node, String field) {
        if (node.isTextual()) {
            return containsExpression(node.textValue()) ? Optional.of(field) : Optional.empty();
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                Optional<String> found = containsExpression(entry.getKey()) ? Optional.of(entry.getKey())
                        : find(entry.getValue(), entry.getKey());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                Optional<String> found = find(element, field);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** {@code ${} or {@code #{}, also after URL-decoding, as the gateway checks it ({@link Expressions}). */
    static boolean containsExpression(String value) {
        return Expressions.containsExpression(value);
    }

    private static BadUserRequestException refused(String what, String where) {
        return new BadUserRequestException("Expressions are not allowed in task queries or filters: " + what
                + " carries one in " + where + ".");
    }
}

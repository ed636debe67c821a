package com.baedal.gateway.expression;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.List;
import com.baedal.support.security.Expressions;
import java.util.Map;
import java.util.Optional;

/**
 * Mitigation of CVE-2026-109432 (JUEL expressions in a task query's {@code orQueries} bypass Camunda's check of
 * ad-hoc query expressions: remote code execution for any logged-in user; fixed only in enterprise 7.24.14).
 * Decides which engine requests carry task queries and whether one of their values holds an expression
 * ({@code ${...}} or {@code #{...}}, also URL-encoded). Pure logic; {@link ExpressionQueryFilter} applies it.
 *
 * <p>Task queries reach the engine through the task and filter resources of the REST API
 * ({@code /engine-rest[/engine/{name}]/task}, {@code .../task/count}, {@code .../filter/**}) and through the
 * webapps' copy of it ({@code /camunda/api/engine/engine/{name}/...}). Creating or updating a filter with an
 * expression is refused as well: a stored expression would run whenever anyone lists that filter. Listing a
 * stored filter (whose expressions were stored server-side) stays possible.
 */
public final class ExpressionGuard {

    private static final JsonFactory JSON = new JsonFactory();

    private ExpressionGuard() {
    }

    /**
     * Whether a request to this path (its decoded segments, without matrix parameters or empty segments) is a task
     * or filter request of the engine REST API or of the webapps' engine API.
     */
    public static boolean inspects(List<String> segments) {
        int i;
        if (segments.size() >= 1 && equalsIgnoreCase(segments.get(0), "engine-rest")) {
            i = 1;
        } else if (segments.size() >= 3 && equalsIgnoreCase(segments.get(0), "camunda")
                && equalsIgnoreCase(segments.get(1), "api") && equalsIgnoreCase(segments.get(2), "engine")) {
            i = 3;
        } else {
            return false;
        }
        if (segments.size() >= i + 2 && equalsIgnoreCase(segments.get(i), "engine")) {
            i += 2; // named engine: .../engine/{name}/task
        }
        if (segments.size() <= i) {
            return false;
        }
        String resource = segments.get(i);
        int rest = segments.size() - i - 1;
        if (equalsIgnoreCase(resource, "task")) {
            return rest == 0 || (rest == 1 && equalsIgnoreCase(segments.get(i + 1), "count"));
        }
        return equalsIgnoreCase(resource, "filter");
    }

    /** The first query parameter name or value carrying an expression. */
    public static Optional<String> findInQuery(Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (containsExpression(parameter.getKey())) {
                return Optional.of(parameter.getKey());
            }
            for (String value : parameter.getValue()) {
                if (value != null && containsExpression(value)) {
                    return Optional.of(parameter.getKey());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The first JSON field whose name or string value (at any depth, e.g. inside {@code orQueries}) carries an
     * expression. JSON escapes such as {@code \u0024} are resolved first, as the engine would.
     *
     * @throws InvalidJsonException when the body is not one well-formed JSON document
     */
    public static Optional<String> findInJson(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try (JsonParser parser = JSON.createParser(body)) {
            String field = "(root)";
            JsonToken token;
            int documents = 0;
            int depth = 0;
            while ((token = parser.nextToken()) != null) {
                if (depth == 0 && (token.isStructStart() || token.isScalarValue())) {
                    documents++;
                }
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
                if (token == JsonToken.FIELD_NAME) {
                    field = parser.currentName();
                    if (containsExpression(field)) {
                        return Optional.of(field);
                    }
                } else if (token == JsonToken.VALUE_STRING && containsExpression(parser.getText())) {
                    return Optional.of(field);
                }
            }
            if (documents != 1) {
                throw new InvalidJsonException();
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new InvalidJsonException();
        }
    }

    /** {@code ${} or {@code #{}, also after URL-decoding ({@link Expressions}: the engine applies the same rule). */
    public static boolean containsExpression(String value) {
        return Expressions.containsExpression(value);
    }

    private static boolean equalsIgnoreCase(String a, String b) {
        return a.equalsIgnoreCase(b);
    }

    /** The body of a task or filter request is not one well-formed JSON document. */
    public static final class InvalidJsonException extends RuntimeException {
        InvalidJsonException() {
            super("The request body is not valid JSON.", null, false, false);
        }
    }
}

package com.baedal.support.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The one way Baedal builds an RFC 9457 answer ({@code application/problem+json}), in every service and the
 * gateway. Each problem has a typed {@code type} URI under {@value #TYPE_BASE}: a specific one where the refusal
 * has a meaning of its own ({@code .../order-not-found}, {@code .../store-closed}), otherwise one derived from the
 * status ({@code .../not-found}, {@code .../method-not-allowed}, {@code .../internal-server-error}). Titles and
 * details are written for the client: never a class name, a stack trace or SQL.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://baedal.example/problems/";
    /** Property of a 400 problem listing the offending fields: {@code [{field, message}]}. */
    public static final String ERRORS_PROPERTY = "errors";
    /** Property carrying the request id (the gateway's {@code X-Request-Id}) so that a report can be traced. */
    public static final String REQUEST_ID_PROPERTY = "requestId";
    public static final String INVALID_REQUEST = "invalid-request";
    public static final String INTERNAL_ERROR_DETAIL = "Something went wrong on our side.";

    private Problems() {
    }

    /** {@value #TYPE_BASE}{@code <slug>}. */
    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    /** The generic slug of a status: its reason phrase in lower case, words joined by '-' ({@code not-found}). */
    public static String slug(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        if (known == null) {
            return status.is4xxClientError() ? "bad-request" : "internal-server-error";
        }
        return known.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
    }

    /** A problem with its own type, title and detail. */
    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        return problem;
    }

    /** A problem typed by its status alone ({@code .../not-found}, title "Not Found"). */
    public static ProblemDetail forStatus(HttpStatusCode status, String detail) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return of(status, slug(status), known != null ? known.getReasonPhrase() : "Error", detail);
    }

    /** 400 with the offending fields: {@code errors: [{field, message}]}, sorted so that answers are stable. */
    public static ProblemDetail invalidRequest(List<FieldMessage> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, INVALID_REQUEST, "Invalid request",
                "The request has invalid fields.");
        problem.setProperty(ERRORS_PROPERTY, errors.stream().sorted().toList());
        return problem;
    }

    /** The 500 of our own bugs: says nothing about them. */
    public static ProblemDetail internalError() {
        return forStatus(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_ERROR_DETAIL);
    }

    /**
     * Gives a problem built by someone else (Spring's own exceptions come with {@code about:blank}) the generic type
     * of its status; a specific type is kept.
     */
    public static ProblemDetail typed(ProblemDetail problem) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(type(slug(HttpStatusCode.valueOf(problem.getStatus()))));
        }
        return problem;
    }
}

package com.baedal.support.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** Request matchers the services' security configurations share. */
public final class ServiceEndpoints {

    /** springdoc's default document path; the gateway's Swagger UI loads it through /api/docs/{service}. */
    public static final String API_DOCS_PATH = "/v3/api-docs";

    private ServiceEndpoints() {
    }

    /**
     * What a service answers without a login outside its API: the error page, the probes, the Prometheus scrape and
     * the OpenAPI document (which only documents /api/**). The gateway routes none of the actuator paths.
     */
    public static RequestMatcher[] operational() {
        return new RequestMatcher[] {path("/error"), path("/actuator/health"), path("/actuator/health/**"),
                path("/actuator/prometheus"), path(HttpMethod.GET, API_DOCS_PATH),
                path(HttpMethod.GET, API_DOCS_PATH + "/**")};
    }

    /**
     * A path-pattern matcher independent of Spring MVC's handler mappings (the engine's /engine-rest is served by
     * Jersey, where MVC-based matchers would not match).
     */
    public static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    public static RequestMatcher path(HttpMethod method, String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
    }
}

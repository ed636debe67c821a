package com.baedal.support;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * First filter of every request (registered with the highest precedence, before Spring Security): takes the
 * gateway's {@code X-Request-Id} when it is sane (1-128 characters of letters, digits, {@code . _ : -}) or generates
 * a UUID, returns it in the response header and keeps it in the MDC (key {@value #MDC_KEY}) while the request is
 * served. When the path names an order ({@code /api/orders/{id}/...}, {@code /api/stores/* /orders/{id}/...},
 * {@code /api/deliveries/{id}/...}, {@code /api/payments/{id}}) its id goes into the MDC as well
 * ({@link OrderLogContext#MDC_KEY}). Both are removed when the request is done, so pooled threads carry nothing
 * over.
 */
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** Request attribute holding the id, for an error dispatch and for code that wants to echo it. */
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern ORDER_PATH = Pattern.compile(
            "^/api/(?:orders|deliveries|payments|stores/[^/]+/orders)/([A-Za-z0-9._:-]{1,128})(?:/.*)?$");

    /** The id to use for a request that carried {@code incoming} (may be null): the incoming one when sane. */
    public static String requestId(String incoming) {
        return incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    /** The order id named by an API path (without context path and query), or null. */
    public static String orderIdOf(String path) {
        if (path == null) {
            return null;
        }
        Matcher matcher = ORDER_PATH.matcher(path);
        return matcher.matches() ? matcher.group(1) : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = requestId(request.getHeader(HEADER));
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        withContext(id, request, () -> chain.doFilter(request, response));
    }

    /** The error page dispatch after {@code sendError} runs when this filter has already returned: same context. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response,
                                               FilterChain chain) throws ServletException, IOException {
        Object id = request.getAttribute(ATTRIBUTE);
        if (id instanceof String requestId) {
            withContext(requestId, request, () -> chain.doFilter(request, response));
        } else {
            chain.doFilter(request, response);
        }
    }

    private static void withContext(String id, HttpServletRequest request, Work work)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        String contextPath = request.getContextPath();
        if (path != null && contextPath != null && !contextPath.isEmpty() && path.startsWith(contextPath)) {
            path = path.substring(contextPath.length());
        }
        MDC.put(MDC_KEY, id);
        try (OrderLogContext.Scope ignored = OrderLogContext.open(orderIdOf(path))) {
            work.run();
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws ServletException, IOException;
    }
}

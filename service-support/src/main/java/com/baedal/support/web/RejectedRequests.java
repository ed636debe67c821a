package com.baedal.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import lombok.RequiredArgsConstructor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Spring Security's firewall refuses URLs, headers and parameters with characters no client of ours sends (encoded
 * slashes, NUL and other control characters, ...): 400 problem+json instead of the container's error page.
 */
@RequiredArgsConstructor
public class RejectedRequests implements RequestRejectedHandler {

    private final ObjectMapper objectMapper;

    public static ProblemDetail problem() {
        return Problems.of(HttpStatus.BAD_REQUEST, "rejected-request", "Request refused",
                "The request contains characters or sequences that are not allowed in a URL, header or parameter.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       RequestRejectedException requestRejectedException) throws IOException {
        // the path itself may be what was refused: it is not echoed
        ProblemDetail problem = problem();
        ProblemResponses.complete(problem, request, null);
        ProblemResponses.write(response, problem, objectMapper);
    }
}

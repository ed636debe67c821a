package com.baedal.gateway.inbound;

import java.util.List;
import org.springframework.http.server.PathContainer;

/** How the gateway's filters read a request path: its decoded segments, without matrix parameters or empty ones. */
public final class PathSegments {

    private PathSegments() {
    }

    public static List<String> of(PathContainer path) {
        return path.elements().stream()
                .filter(PathContainer.PathSegment.class::isInstance)
                .map(element -> ((PathContainer.PathSegment) element).valueToMatch())
                .filter(value -> !value.isEmpty())
                .toList();
    }
}

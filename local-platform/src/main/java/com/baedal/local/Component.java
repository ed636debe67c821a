package com.baedal.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One process the {@link Supervisor} runs and keeps running: how to start it, where its output goes and how to tell
 * it is ready.
 *
 * @param name        log, pid-file and console name ({@code engine}, {@code kafka}, ...)
 * @param command     the command line
 * @param environment added to the launcher's environment
 * @param log         where stdout and stderr go (truncated at the first start, appended to on restarts)
 * @param readiness   when it counts as ready
 * @param where       what the console says once it is ready ({@code on :8081})
 */
public record Component(String name, List<String> command, Map<String, String> environment, Path log,
                        Readiness readiness, String where) {

    public Component {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /** How the supervisor knows a component is ready. */
    public sealed interface Readiness {
    }

    /** Ready once this URL answers 200 (a Spring Boot readiness probe). */
    public record HttpOk(URI url) implements Readiness {
    }

    /** Ready once the process printed a line starting with this text (Kafka and PostgreSQL print {@code READY}). */
    public record LogLine(String prefix) implements Readiness {
    }
}

package com.baedal.local;

import lombok.RequiredArgsConstructor;

/**
 * The platform's services, each a Spring Boot application built as {@code <module>/target/<module>-*-exec.jar}:
 * the one list of them, with the port {@code ./baedal up} gives each and the database it owns (SPEC §2).
 */
@RequiredArgsConstructor
public enum Service {

    ENGINE("engine", 8081, "engine"),
    WORKERS("workers", 8082, "payments"),
    READ_MODEL("read-model", 8083, "readmodel"),
    GATEWAY("gateway", 8080, null);

    private final String id;
    private final int port;
    private final String database;

    /** Module, jar, log and pid-file name. */
    public String id() {
        return id;
    }

    /** The port of its first instance under {@code ./baedal up}. */
    public int port() {
        return port;
    }

    /** The database it owns on the PostgreSQL server under {@code ./baedal up}, or null (the gateway owns none). */
    public String database() {
        return database;
    }
}

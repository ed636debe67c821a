package com.baedal.workers.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Creates the tests' own databases on the local PostgreSQL (127.0.0.1:5432, user postgres) when missing. */
public final class TestDatabases {

    public static final String WORKERS = "workers_it";
    public static final String ENGINE = "workers_it_engine";

    private static final String SERVER_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Set<String> ensured = new HashSet<>();

    private TestDatabases() {
    }

    public static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:5432/" + database;
    }

    public static synchronized void ensure(String database) {
        if (!NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        if (ensured.contains(database)) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(SERVER_URL, "postgres", "")) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                query.setString(1, database);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement create = connection.createStatement()) {
                    create.execute("create database " + database);
                } catch (SQLException e) {
                    if (!"42P04".equals(e.getSQLState())) { // duplicate_database: created by someone else meanwhile
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + database
                    + " on the local PostgreSQL (127.0.0.1:5432, user postgres)", e);
        }
        ensured.add(database);
    }
}

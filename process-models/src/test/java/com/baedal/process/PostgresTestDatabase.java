package com.baedal.process;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Creates the process tests' own database on the local PostgreSQL when it is missing. Register it before
 * {@code ProcessEngineExtension}, which builds the engine from {@code camunda.cfg.xml} on that database.
 */
public class PostgresTestDatabase implements BeforeAllCallback {

    static final String SERVER_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String DATABASE = "baedal_process_test";
    static final String USER = "postgres";

    private static volatile boolean ensured;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        ensureDatabase();
    }

    static synchronized void ensureDatabase() throws SQLException {
        if (ensured) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(SERVER_URL, USER, "")) {
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                query.setString(1, DATABASE);
                try (ResultSet rows = query.executeQuery()) {
                    exists = rows.next();
                }
            }
            if (!exists) {
                try (Statement create = connection.createStatement()) {
                    create.execute("create database " + DATABASE);
                } catch (SQLException e) {
                    // another build may have created it in the meantime (42P04 = duplicate_database)
                    if (!"42P04".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        }
        ensured = true;
    }
}

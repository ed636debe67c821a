package com.baedal.readmodel.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the integration tests' own database {@value #DATABASE} on the local PostgreSQL when it is missing. */
public final class TestDatabase {

    public static final String DATABASE = "readmodel_it";
    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
    private static final String SERVER_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private TestDatabase() {
    }

    public static synchronized String ensure() {
        try (Connection connection = DriverManager.getConnection(SERVER_URL, "postgres", "")) {
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
                    if (!"42P04".equals(e.getSQLState())) { // created meanwhile by another build
                        throw e;
                    }
                }
            }
            return URL;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + DATABASE, e);
        }
    }
}

package com.baedal.engine.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Creates the test's PostgreSQL database (the one {@code spring.datasource.url} names) before the datasource
 * starts, by connecting to the server's {@code postgres} database with the same credentials.
 */
public class CreateDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([A-Za-z0-9_]+)(\\?.*)?");
    private static final String DUPLICATE_DATABASE = "42P04";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Environment env = context.getEnvironment();
        String url = env.getRequiredProperty("spring.datasource.url");
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalStateException("Not a PostgreSQL database URL: " + url);
        }
        String database = matcher.group(2);
        String adminUrl = matcher.group(1) + "postgres";
        String user = env.getProperty("spring.datasource.username", "postgres");
        String password = env.getProperty("spring.datasource.password", "");
        createIfMissing(adminUrl, user, password, database);
    }

    static void createIfMissing(String adminUrl, String user, String password, String database) {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password)) {
            try (PreparedStatement exists = connection.prepareStatement(
                    "SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                // The name comes from our own configuration and matched [A-Za-z0-9_]+ above.
                create.execute("CREATE DATABASE " + database);
            } catch (SQLException e) {
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + database + " via " + adminUrl, e);
        }
    }
}

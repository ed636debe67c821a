package com.baedal.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tests' databases on the local PostgreSQL (127.0.0.1:5432, user {@code postgres}, trust auth). Each test JVM
 * drops and creates a database the first time it asks for it, and then keeps it for the rest of the run: test classes
 * that share a Spring context share its database, and a run never sees what an earlier run left behind (open tasks,
 * orders, projections).
 * <p>
 * Names given to {@link #freshDatabase(String)} get the prefix {@code BAEDAL_TEST_DB_PREFIX} (environment or system
 * property, empty by default), so that two checkouts testing on one server at the same time never drop each other's
 * databases; test configuration that names a database by URL spells the same prefix ({@code
 * ${BAEDAL_TEST_DB_PREFIX:}engine_it}).
 */
public final class LocalPostgres {

    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    public static final String USER = "postgres";

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern URL = Pattern.compile(Pattern.quote(SERVER) + "([a-z_][a-z0-9_]*)(\\?.*)?");
    private static final Set<String> freshThisRun = new HashSet<>();
    private static final String PREFIX = prefix();

    private LocalPostgres() {
    }

    /** The name this run gives the test database {@code base}: the prefix, then {@code base}. */
    public static String name(String base) {
        return PREFIX + base;
    }

    /**
     * The JDBC URL of test database {@code base} (see {@link #name(String)}), dropped and created anew if this JVM has
     * not done so yet.
     */
    public static String freshDatabase(String base) {
        return create(name(base));
    }

    private static synchronized String create(String database) {
        if (!NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        if (freshThisRun.add(database)) {
            try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, "");
                 Statement statement = connection.createStatement()) {
                // the name matched [a-z_][a-z0-9_]* above; identifiers cannot be bind parameters
                statement.execute("drop database if exists " + database + " with (force)");
                statement.execute("create database " + database);
            } catch (SQLException e) {
                freshThisRun.remove(database);
                throw new IllegalStateException("Cannot create the test database " + database
                        + " on the local PostgreSQL (" + SERVER + ", user " + USER + ")", e);
            }
        }
        return SERVER + database;
    }

    /**
     * Drops and creates (once per run) the database a JDBC URL of the local server names, as named (no prefix added);
     * returns the URL as given.
     * A URL of any other server (a database somebody configured on purpose) is returned untouched: this class never
     * drops what it did not create.
     */
    public static String freshDatabaseOf(String jdbcUrl) {
        if (!jdbcUrl.startsWith(SERVER)) {
            return jdbcUrl;
        }
        Matcher matcher = URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a plain database URL of the local PostgreSQL: " + jdbcUrl);
        }
        create(matcher.group(1));
        return jdbcUrl;
    }

    private static String prefix() {
        String prefix = System.getProperty("BAEDAL_TEST_DB_PREFIX", System.getenv().getOrDefault("BAEDAL_TEST_DB_PREFIX", ""));
        if (!prefix.isEmpty() && !NAME.matcher(prefix).matches()) {
            throw new IllegalArgumentException("BAEDAL_TEST_DB_PREFIX must be a plain lower-case name: " + prefix);
        }
        return prefix;
    }
}

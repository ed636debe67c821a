package com.baedal.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class LocalPostgresTest {

    @Test
    void aDatabaseIsCreatedAnewOncePerRunAndThenKept() throws Exception {
        String name = LocalPostgres.name("test_support_self_test");
        // what an earlier run left behind
        admin("drop database if exists " + name + " with (force)");
        admin("create database " + name);
        execute(LocalPostgres.SERVER + name, "create table left_by_an_earlier_run (id int)");

        String url = LocalPostgres.freshDatabase("test_support_self_test");
        assertThat(url).isEqualTo(LocalPostgres.SERVER + name);
        assertThat(tableExists(url, "left_by_an_earlier_run")).isFalse();

        // asked again in the same run: the same database, with what this run put there
        execute(url, "create table made_by_this_run (id int)");
        assertThat(LocalPostgres.freshDatabaseOf(url)).isEqualTo(url);
        assertThat(tableExists(url, "made_by_this_run")).isTrue();
        admin("drop database " + name + " with (force)");
    }

    @Test
    void aDatabaseOfAnotherServerIsLeftAlone() {
        String elsewhere = "jdbc:postgresql://db.example.internal:5432/engine_it";
        assertThat(LocalPostgres.freshDatabaseOf(elsewhere)).isEqualTo(elsewhere);
    }

    @Test
    void onlyPlainDatabaseNamesAreAccepted() {
        assertThatThrownBy(() -> LocalPostgres.freshDatabase("x; drop database postgres"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalPostgres.freshDatabaseOf(LocalPostgres.SERVER + "Engine-IT"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void admin(String sql) throws Exception {
        execute(LocalPostgres.SERVER + "postgres", sql);
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, LocalPostgres.USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static boolean tableExists(String url, String table) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, LocalPostgres.USER, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select to_regclass('" + table + "') is not null")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }
}

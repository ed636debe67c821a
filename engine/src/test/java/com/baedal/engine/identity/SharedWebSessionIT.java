package com.baedal.engine.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.engine.support.CamundaApi;
import com.baedal.engine.support.EngineIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A Tasklist login lives in the engine database (Spring Session JDBC, tables {@code baedal.spring_session*}), not in
 * the JVM that served the login: any engine node sees it, and it is gone for every node once its row is gone. The
 * API and /engine-rest stay stateless. (Two engines, one of them killed, are the end-to-end ReplicaIT's.)
 */
@EngineIntegrationTest
class SharedWebSessionIT {

    @Autowired TestRestTemplate rest;
    @Autowired JdbcClient jdbc;

    @Test
    void theWebappLoginAndItsCsrfTokenAreRowsOfTheEngineDatabase() {
        CamundaApi tasklist = CamundaApi.webapp(rest, "owner-chicken-gangnam", "demo");
        assertThat(tasklist.get("/task?assignee=owner-chicken-gangnam").getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(jdbc.sql("""
                        select attribute_name from baedal.spring_session_attributes
                        """).query(String.class).list())
                .contains("authenticatedUser", "CAMUNDA_CSRF_TOKEN");

        // the row is the session: without it no node knows the user
        jdbc.sql("delete from baedal.spring_session").update();
        assertThat(tasklist.get("/task?assignee=owner-chicken-gangnam").getStatusCode())
                .isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
    }

    @Test
    void engineRestAndTheApiCreateNoSession() {
        jdbc.sql("delete from baedal.spring_session").update();
        rest.withBasicAuth("owner-pizza-mapo", "demo").getForEntity("/engine-rest/task", String.class);
        rest.getForEntity("/api/stores", String.class);

        assertThat(jdbc.sql("select count(*) from baedal.spring_session").query(Long.class).single()).isZero();
    }
}

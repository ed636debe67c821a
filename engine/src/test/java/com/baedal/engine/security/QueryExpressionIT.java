package com.baedal.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.baedal.engine.identity.IdentitySetup;
import com.baedal.engine.identity.TasklistFilters;
import com.baedal.engine.support.CamundaApi;
import com.baedal.engine.support.EngineIntegrationTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.filter.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The engine refuses expressions in task queries and filters by itself (CVE-2026-109432, issue 12 point 5), called
 * directly, without the gateway: engine REST and the webapps' API, as a store owner and as an administrator, top
 * level and in {@code orQueries}. The shared Tasklist filters keep working.
 */
@EngineIntegrationTest
class QueryExpressionIT {

    static final String OWNER = "owner-chicken-gangnam";
    static final String REFUSED = "Expressions are not allowed in task queries or filters";

    @Autowired TestRestTemplate rest;
    @Autowired FilterService filterService;
    @Autowired TasklistFilters tasklistFilters;
    @Autowired JdbcClient jdbc;
    @Autowired ObjectMapper json;

    @Test
    void adHocTaskQueriesWithAnExpressionAreRefusedForEveryUserAndChannel() {
        for (CamundaApi caller : callers()) {
            assertRefused(caller.get("/task", Map.of("assigneeExpression", "${currentUser()}")));
            assertRefused(caller.get("/task/count", Map.of("candidateGroupsExpression", "#{currentUserGroups()}")));
            assertRefused(caller.get("/task", Map.of("nameLike", "%24%7BcurrentUser()%7D")));
            assertRefused(caller.post("/task", json(Map.of("orQueries",
                    List.of(Map.of("assigneeExpression", "${currentUser()}"))))));
            assertRefused(caller.post("/task/count", json(Map.of("orQueries",
                    List.of(Map.of("candidateGroupsExpression", "${currentUserGroups()}"))))));
            assertRefused(caller.post("/task", json(Map.of("processVariables",
                    List.of(Map.of("name", "total", "operator", "eq", "value", "${1+1}"))))));
            assertRefused(caller.post("/task", json(Map.of("orQueries", List.of(Map.of("nameLike", "%2524%257B1%257D"))))));
            // without an expression the same queries answer
            assertThat(caller.post("/task", json(Map.of("orQueries", List.of(Map.of("nameLike", "Accept%"))))))
                    .extracting(ResponseEntity::getStatusCode).isEqualTo(HttpStatus.OK);
        }
    }

    @Test
    void noUserSavesAFilterWithAnExpressionNotEvenTheSharedOnes() {
        Filter shared = tasklistFilters.find(TasklistFilters.ORDERS_FOR_MY_STORE).orElseThrow();
        String sharedQuery = queryOf(shared.getId());
        String sharedQueryAsRestShowsIt = readTree(rest("admin", "admin").get("/filter/" + shared.getId()).getBody())
                .get("query").toString();
        long filters = filterService.createFilterQuery().count();

        for (CamundaApi admin : List.of(rest("admin", "admin"), CamundaApi.webapp(rest, "admin", "admin"))) {
            assertRefused(admin.post("/filter/create", filter("mine", Map.of("assigneeExpression", "${currentUser()}"))));
            assertRefused(admin.post("/filter/create", filter("mine", Map.of("orQueries",
                    List.of(Map.of("candidateGroupsExpression", "${currentUserGroups()}"))))));
            // the shared filter can be changed into something else by nobody ...
            assertRefused(admin.put("/filter/" + shared.getId(), filter(shared.getName(),
                    Map.of("candidateGroupsExpression", "${currentUserGroups().toString()}"))));
            // ... not even renamed, with its own query
            assertRefused(admin.put("/filter/" + shared.getId(), "{\"resourceType\":\"Task\",\"name\":\"renamed\","
                    + "\"query\":" + sharedQueryAsRestShowsIt + "}"));
        }
        assertThat(filterService.createFilterQuery().count()).isEqualTo(filters);
        Filter after = filterService.getFilter(shared.getId());
        assertThat(after.getName()).isEqualTo(TasklistFilters.ORDERS_FOR_MY_STORE);
        assertThat(queryOf(shared.getId())).isEqualTo(sharedQuery);

        // a filter without expressions is saved as usual
        ResponseEntity<String> plain = rest("admin", "admin").post("/filter/create",
                filter("plain-" + UUID.randomUUID(), Map.of("nameLike", "Accept%")));
        assertThat(plain.getStatusCode()).as(plain.getBody()).isEqualTo(HttpStatus.OK);
        filterService.deleteFilter(readId(plain.getBody()));
    }

    @Test
    void sharedFiltersRunButAreExtendedWithoutExpressions() {
        String storeFilter = tasklistFilters.find(TasklistFilters.ORDERS_FOR_MY_STORE).orElseThrow().getId();
        for (CamundaApi owner : List.of(rest(OWNER, IdentitySetup.DEMO_PASSWORD),
                CamundaApi.webapp(rest, OWNER, IdentitySetup.DEMO_PASSWORD))) {
            assertThat(owner.post("/filter/" + storeFilter + "/list", "{}").getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(owner.get("/filter/" + storeFilter + "/count").getStatusCode()).isEqualTo(HttpStatus.OK);
            assertRefused(owner.post("/filter/" + storeFilter + "/list", json(Map.of("orQueries",
                    List.of(Map.of("assigneeExpression", "${currentUser()}"))))));
            assertRefused(owner.post("/filter/" + storeFilter + "/count",
                    json(Map.of("candidateUserExpression", "${currentUser()}"))));
        }
    }

    @Test
    void aStoredFilterWithAnyOtherExpressionIsRefusedInsteadOfRun() {
        // as if stored before the engine guarded saves: a copy of a shared filter with another expression
        Filter shared = tasklistFilters.find(TasklistFilters.ORDERS_FOR_MY_STORE).orElseThrow();
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                        insert into public.act_ru_filter (id_, rev_, resource_type_, name_, owner_, query_, properties_)
                        select :id, 1, resource_type_, 'stored before', owner_,
                               replace(query_, '${currentUserGroups()}', '${currentUserGroups().toString()}'),
                               properties_
                          from public.act_ru_filter where id_ = :shared
                        """)
                .param("id", id).param("shared", shared.getId()).update();
        try {
            assertRefused(rest("admin", "admin").post("/filter/" + id + "/list", "{}"));
            assertRefused(rest("admin", "admin").get("/filter/" + id + "/count"));
            assertThatThrownBy(() -> filterService.list(id)).isInstanceOf(BadUserRequestException.class)
                    .hasMessageContaining(REFUSED);
        } finally {
            jdbc.sql("delete from public.act_ru_filter where id_ = :id").param("id", id).update();
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private List<CamundaApi> callers() {
        return List.of(rest(OWNER, IdentitySetup.DEMO_PASSWORD), rest("admin", "admin"),
                CamundaApi.webapp(rest, OWNER, IdentitySetup.DEMO_PASSWORD), CamundaApi.webapp(rest, "admin", "admin"));
    }

    private CamundaApi rest(String user, String password) {
        return CamundaApi.engineRest(rest, user, password);
    }

    private static void assertRefused(ResponseEntity<String> response) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains(REFUSED);
    }

    private String filter(String name, Map<String, Object> query) {
        return json(Map.of("resourceType", "Task", "name", name, "query", query));
    }

    private String queryOf(String filterId) {
        return jdbc.sql("select query_ from public.act_ru_filter where id_ = :id").param("id", filterId)
                .query(String.class).single();
    }

    private String readId(String body) {
        return readTree(body).get("id").asText();
    }

    private JsonNode readTree(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package com.baedal.engine.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.engine.support.EngineIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The engine serves Baedal's Tasklist customisation in place of Camunda's files: the page without the "Create task"
 * and "Start process" actions, the configuration with the product name and the Baedal script, the script, its styles;
 * Cockpit and Admin say Baedal too.
 */
@EngineIntegrationTest
class TasklistWebappIT {

    static final String APPS = "/camunda/app/";

    @Autowired TestRestTemplate rest;

    @Test
    void tasklistPageLeavesOutTheActionsOwnersAndRidersHaveNoUseFor() {
        String page = get(APPS + "tasklist/default/");
        assertThat(page).contains("<title>Baedal Tasklist</title>")
                .containsPattern("cam-exclude-plugins=\"tasklist\\.navbar\\.action:create-task-action,\\s*"
                        + "tasklist\\.navbar\\.action:start-process-action\"")
                // the server still fills in Camunda's placeholders
                .doesNotContain("$APP_ROOT").contains("/camunda/app/tasklist/camunda-tasklist-bootstrap.js");
    }

    @Test
    void tasklistLoadsBaedalsConfigurationScriptAndStyles() {
        assertThat(get(APPS + "tasklist/scripts/config.js")).contains("vendor: 'Baedal'")
                .contains("ngDeps: ['baedal.tasklist']").contains("'baedal-tasklist': 'scripts/baedal-tasklist'")
                .doesNotContain("startProcess");
        assertThat(get(APPS + "tasklist/scripts/baedal-tasklist.js")).contains("angular.module('baedal.tasklist'")
                .contains("registerDefaultView('tasklist.card'").contains("decorator('assignNotification'")
                .contains("decorator('camWidgetSearchDirective'");
        assertThat(get(APPS + "tasklist/styles/user-styles.css")).contains(".baedal-task-card");
    }

    @Test
    void theOtherWebappsSayBaedalToo() {
        for (String app : new String[] {"cockpit", "admin", "welcome"}) {
            assertThat(get(APPS + app + "/scripts/config.js")).as(app).contains("vendor: 'Baedal'");
        }
    }

    private String get(String path) {
        ResponseEntity<String> response = rest.getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }
}

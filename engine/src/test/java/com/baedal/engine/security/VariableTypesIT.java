package com.baedal.engine.security;

import static com.baedal.process.OrderProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.baedal.engine.support.CamundaApi;
import com.baedal.engine.support.EngineIntegrationTest;
import com.baedal.engine.support.OrderWaitingForItsCharge;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Deserialization type validation is on, with an empty allow-list (issue 12 point 6): a variable whose type names a
 * Java class is refused over engine REST instead of being turned into that class, even for an administrator who may
 * set variables; Java serialization stays off. Nothing is written. (Camunda's REST layer answers both refusals with
 * status 500; its message says what was refused.)
 */
@EngineIntegrationTest
class VariableTypesIT extends OrderWaitingForItsCharge {

    @Autowired TestRestTemplate rest;

    @Test
    void aBinaryVariableNamingAJavaClassIsRefused() {
        for (String className : new String[] {"java.net.URL", "java.util.HashMap", "java.lang.String"}) {
            ResponseEntity<String> answer = binaryVariable("planted", className, "{}");
            // refused before Jackson instantiates anything (Camunda's REST layer reports it with status 500)
            assertThat(answer.getStatusCode().is2xxSuccessful()).isFalse();
            assertThat(answer.getBody())
                    .contains("The following classes are not whitelisted for deserialization: [" + className);
        }
        assertThat(runtime.getVariables(order.processInstanceId())).doesNotContainKey("planted");
    }

    @Test
    void anObjectVariableInJavaSerializationIsRefused() {
        ResponseEntity<String> answer = CamundaApi.engineRest(rest, "admin", "admin").put(
                "/process-instance/" + order.processInstanceId() + "/variables/planted", """
                        {"type":"Object","value":"rO0ABXQAAWE=","valueInfo":{"objectTypeName":"java.lang.String",
                         "serializationDataFormat":"application/x-java-serialized-object"}}""");
        // refused by the engine (Camunda's REST layer reports ENGINE-17007 with status 500)
        assertThat(answer.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(answer.getBody()).contains("Java serialization format is prohibited");
        assertThat(runtime.getVariables(order.processInstanceId())).doesNotContainKey("planted")
                .containsEntry(VAR_TOTAL, 43000L);
    }

    private ResponseEntity<String> binaryVariable(String name, String className, String json) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        HttpHeaders dataHeaders = new HttpHeaders();
        dataHeaders.setContentType(MediaType.APPLICATION_JSON);
        dataHeaders.setContentDispositionFormData("data", "data.json");
        parts.add("data", new HttpEntity<>(json.getBytes(StandardCharsets.UTF_8), dataHeaders));
        HttpHeaders typeHeaders = new HttpHeaders();
        typeHeaders.setContentType(MediaType.TEXT_PLAIN);
        parts.add("type", new HttpEntity<>(className, typeHeaders));
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("admin", "admin");
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.postForEntity(CamundaApi.ENGINE_REST + "/process-instance/" + order.processInstanceId()
                + "/variables/" + name + "/data", new HttpEntity<>(parts, headers), String.class);
    }
}

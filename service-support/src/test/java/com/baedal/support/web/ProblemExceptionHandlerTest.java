package com.baedal.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.baedal.support.validation.SafeText;
import com.baedal.support.validation.Uuid;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shared advice as a service's controllers meet it (the web slice picks it up through the slice's
 * auto-configuration list, as in every service's {@code @WebMvcTest}). Filters are off: the security chain is the
 * services' own and tested there.
 */
@WebMvcTest(controllers = ProblemExceptionHandlerTest.ProbeController.class)
@AutoConfigureMockMvc(addFilters = false)
class ProblemExceptionHandlerTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(ProbeController.class)
    static class ProbeApplication {
    }

    record Item(@NotNull Integer n) {
    }

    record Body(@NotBlank @SafeText String name, @NotNull Integer count, List<@Valid Item> items) {
    }

    @RestController
    static class ProbeController {

        @PostMapping("/probe")
        String post(@Valid @RequestBody Body body) {
            return "ok";
        }

        @GetMapping("/probe/{id}")
        String get(@PathVariable @Uuid String id, @RequestParam(defaultValue = "0") int page,
                   @RequestHeader(name = "X-Key", required = false) @Size(max = 3) String key) {
            return "ok";
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("SELECT card_token FROM payment at com.baedal.Secret");
        }

        @GetMapping("/gone")
        String gone() {
            throw ApiProblem.notFound("thing-not-found", "Thing not found", "No thing 7.");
        }

        @GetMapping("/denied")
        String denied() {
            throw new AccessDeniedException("internal reason");
        }

        @GetMapping("/rejected")
        String rejected(@RequestParam String q) {
            throw new RequestRejectedException("The request was rejected because the parameter value \"\\u0000\"");
        }
    }

    @Autowired
    MockMvc mvc;

    private ResultActions problem(ResultActions result, int status, String slug) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.type").value(Problems.TYPE_BASE + slug))
                .andExpect(jsonPath("$.title").isNotEmpty())
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    @Test
    void anApiProblemIsAnsweredAsItIs() throws Exception {
        problem(mvc.perform(get("/gone")), 404, "thing-not-found")
                .andExpect(jsonPath("$.title").value("Thing not found"))
                .andExpect(jsonPath("$.detail").value("No thing 7."))
                .andExpect(jsonPath("$.instance").value("/gone"));
    }

    @Test
    void ourOwnBugsAre500sThatSayNothing() throws Exception {
        String body = problem(mvc.perform(get("/boom")), 500, "internal-server-error")
                .andExpect(jsonPath("$.detail").value(Problems.INTERNAL_ERROR_DETAIL))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("SELECT", "card_token", "com.baedal", "IllegalState", "Exception");
    }

    @Test
    void bodyValidationListsTheFields() throws Exception {
        problem(mvc.perform(post("/probe").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"a\\u0000b\",\"items\":[{}]}")), 400, "invalid-request")
                .andExpect(jsonPath("$.errors[?(@.field == 'name')].message")
                        .value("must not contain control characters"))
                .andExpect(jsonPath("$.errors[?(@.field == 'count')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'items[0].n')]").exists());
    }

    @Test
    void aValueOfTheWrongJsonTypeNamesTheFieldAndNoJavaType() throws Exception {
        String body = problem(mvc.perform(post("/probe").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"x\",\"count\":\"many\"}")), 400, "invalid-request")
                .andExpect(jsonPath("$.errors[0].field").value("count"))
                .andExpect(jsonPath("$.errors[0].message").value("must be a whole number within range"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("java.", "Integer", "Body");
        problem(mvc.perform(post("/probe").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"x\",\"count\":1,\"items\":[{\"n\":{}}]}")), 400, "invalid-request")
                .andExpect(jsonPath("$.errors[0].field").value("items[0].n"));
        problem(mvc.perform(post("/probe").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"x\",\"count\":99999999999}")), 400, "invalid-request")
                .andExpect(jsonPath("$.errors[0].field").value("count"));
    }

    @Test
    void bodiesThatAreNoJsonAtAll() throws Exception {
        problem(mvc.perform(post("/probe").contentType(MediaType.APPLICATION_JSON).content("{\"name\":")), 400,
                "malformed-body");
        problem(mvc.perform(post("/probe").contentType(MediaType.APPLICATION_JSON)), 400, "malformed-body");
    }

    @Test
    void parametersPathVariablesAndHeadersAreCheckedByName() throws Exception {
        problem(mvc.perform(get("/probe/not-a-uuid")), 400, "invalid-request")
                .andExpect(jsonPath("$.errors[0].field").value("id"))
                .andExpect(jsonPath("$.errors[0].message").value("must be a UUID"));
        problem(mvc.perform(get("/probe/0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11").param("page", "1e99")), 400,
                "invalid-request").andExpect(jsonPath("$.errors[0].field").value("page"));
        problem(mvc.perform(get("/probe/0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11").header("X-Key", "long")), 400,
                "invalid-request").andExpect(jsonPath("$.errors[0].field").value("X-Key"));
    }

    @Test
    void springsOwnRefusalsAreTypedProblemsToo() throws Exception {
        problem(mvc.perform(delete("/probe")), 405, "method-not-allowed");
        problem(mvc.perform(post("/probe").contentType(MediaType.TEXT_PLAIN).content("x")), 415,
                "unsupported-media-type");
        problem(mvc.perform(get("/nothing/here")), 404, "not-found");
        problem(mvc.perform(get("/rejected")), 400, "bad-request");
    }

    @Test
    void securityRefusalsInsideControllers() throws Exception {
        String denied = problem(mvc.perform(get("/denied")), 403, "forbidden")
                .andReturn().getResponse().getContentAsString();
        assertThat(denied).doesNotContain("internal reason");
        String rejected = problem(mvc.perform(get("/rejected").param("q", "x")), 400, "rejected-request")
                .andReturn().getResponse().getContentAsString();
        assertThat(rejected).doesNotContain("\\u0000");
    }
}

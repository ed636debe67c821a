package com.baedal.engine.catalog;

import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.baedal.engine.security.SecurityConfig;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Web slice: JSON shape, 404 problem, and that the catalog is public while other verbs need a login. */
@WebMvcTest(CatalogController.class)
@Import(SecurityConfig.class)
class CatalogControllerTest {

    @Autowired MockMvc mvc;
    @MockitoBean CatalogService catalog;
    @MockitoBean JwtDecoder jwtDecoder;

    @Test
    void storesArePublicJson() throws Exception {
        given(catalog.stores()).willReturn(List.of(
                new Store("chicken-gangnam", "Gangnam Fried Chicken", "gangnam", true, 37.5, 127.0,
                        "Gangnam-daero 396"),
                new Store("bibimbap-gangnam", "Jeonju Bibimbap House", "gangnam", false, null, null, null)));

        mvc.perform(get("/api/stores"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].storeId").value("chicken-gangnam"))
                .andExpect(jsonPath("$[0].name").value("Gangnam Fried Chicken"))
                .andExpect(jsonPath("$[0].region").value("gangnam"))
                .andExpect(jsonPath("$[0].open").value(true))
                .andExpect(jsonPath("$[0].lat").value(37.5))
                .andExpect(jsonPath("$[0].lon").value(127.0))
                // the street is the rider's pick-up address in the process, not part of the public list
                .andExpect(jsonPath("$[0].street").doesNotExist())
                .andExpect(jsonPath("$[1].open").value(false));
    }

    @Test
    void menuOfKnownStore() throws Exception {
        given(catalog.findStore("pizza-mapo")).willReturn(
                Optional.of(new Store("pizza-mapo", "Mapo Pizza Lab", "mapo", true, null, null, null)));
        given(catalog.menu("pizza-mapo")).willReturn(List.of(new MenuItem("pizza-bulgogi", "Bulgogi pizza", 25900)));

        mvc.perform(get("/api/stores/pizza-mapo/menu"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].menuItemId").value("pizza-bulgogi"))
                .andExpect(jsonPath("$[0].name").value("Bulgogi pizza"))
                .andExpect(jsonPath("$[0].price").value(25900));
    }

    @Test
    void unknownStoreIs404Problem() throws Exception {
        given(catalog.findStore("nowhere")).willReturn(Optional.empty());

        mvc.perform(get("/api/stores/nowhere/menu"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.title").value("Store not found"))
                .andExpect(jsonPath("$.detail").value("Unknown store: nowhere"));
    }

    @Test
    void otherVerbsNeedALogin() throws Exception {
        mvc.perform(post("/api/stores").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));

        // logged in, the verb is simply not supported: still a problem document
        mvc.perform(post("/api/stores").with(jwt().jwt(j -> j.claim("role", "OPERATOR")))
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void unexpectedFailureIs500ProblemWithoutInternals() throws Exception {
        given(catalog.stores()).willThrow(new IllegalStateException("connection refused to 10.0.0.7"));

        mvc.perform(get("/api/stores"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Something went wrong on our side."));
    }
}

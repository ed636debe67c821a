package com.baedal.support.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiDocsTest {

    final OpenAPI document = ApiDocs.document(new ApiDocsProperties("Baedal engine API", "Commands", "0.1.0"));

    @Test
    void relativeServerAndBearerJwtByDefault() {
        assertThat(document.getServers()).singleElement().satisfies(server -> assertThat(server.getUrl()).isEqualTo("/"));
        SecurityScheme scheme = document.getComponents().getSecuritySchemes().get(ApiDocs.BEARER_JWT);
        assertThat(scheme.getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(scheme.getScheme()).isEqualTo("bearer");
        assertThat(scheme.getBearerFormat()).isEqualTo("JWT");
        assertThat(document.getSecurity()).singleElement().satisfies(requirement ->
                assertThat(requirement).containsKey(ApiDocs.BEARER_JWT));
        assertThat(document.getInfo().getTitle()).isEqualTo("Baedal engine API");
    }

    @Test
    void errorResponsesBecomeProblemJsonAndKeepTheirExamples() {
        Example closed = new Example().value(Map.of("status", 409, "title", "Store closed"));
        ApiResponses responses = new ApiResponses()
                .addApiResponse("201", new ApiResponse().description("placed")
                        .content(new Content().addMediaType("application/json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Placed")))))
                .addApiResponse("400", new ApiResponse().description("bad body"))
                .addApiResponse("409", new ApiResponse().description("closed")
                        .content(new Content().addMediaType("application/json", new MediaType()
                                .schema(new Schema<>().$ref("#/components/schemas/Placed"))
                                .addExamples("closed", closed))));
        document.paths(new Paths().addPathItem("/api/orders",
                new PathItem().post(new Operation().responses(responses))));

        ApiDocs.problemResponses().customise(document);

        assertThat(responses.get("201").getContent()).containsOnlyKeys("application/json");
        for (String status : new String[] {"400", "409"}) {
            Content content = responses.get(status).getContent();
            assertThat(content).containsOnlyKeys("application/problem+json");
            assertThat(content.get("application/problem+json").getSchema().get$ref())
                    .isEqualTo("#/components/schemas/" + ApiDocs.PROBLEM_SCHEMA);
        }
        assertThat(responses.get("409").getContent().get("application/problem+json").getExamples())
                .containsEntry("closed", closed);
        assertThat(document.getComponents().getSchemas().get(ApiDocs.PROBLEM_SCHEMA).getProperties())
                .containsKeys("type", "title", "status", "detail", "instance", "errors");
    }

    @Test
    void aDocumentWithoutComponentsGetsTheProblemSchema() {
        OpenAPI bare = new OpenAPI();
        ApiDocs.problemResponses().customise(bare);
        assertThat(bare.getComponents().getSchemas()).containsKey(ApiDocs.PROBLEM_SCHEMA);
    }

    @Test
    void everyOperationThatNeedsTheTokenAnswers401AndPublicOnesDoNot() {
        ApiResponses secured = new ApiResponses().addApiResponse("200", new ApiResponse().description("ok"));
        ApiResponses open = new ApiResponses().addApiResponse("200", new ApiResponse().description("ok"));
        document.paths(new Paths()
                .addPathItem("/api/orders/{orderId}/cancel", new PathItem().post(new Operation().responses(secured)))
                .addPathItem("/api/stores", new PathItem().get(new Operation().responses(open)
                        .security(java.util.List.of()))));

        ApiDocs.problemResponses().customise(document);

        assertThat(secured.get("401").getDescription()).isEqualTo(ApiDocs.UNAUTHORIZED);
        assertThat(secured.get("401").getContent()).containsOnlyKeys("application/problem+json");
        assertThat(open).doesNotContainKey("401");
    }
}

package com.baedal.support.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The parts every Baedal service document shares: the info block, one relative server {@code /} (so that the
 * Swagger UI served by the gateway sends its calls to the gateway), the bearer-JWT scheme required by default
 * (public operations clear it with an empty {@code @SecurityRequirements}), and error answers as
 * {@code application/problem+json} with the {@value #PROBLEM_SCHEMA} schema: controllers declare only the status
 * and description of an error response ({@code @ApiResponse(responseCode = "409", description = ...)}), examples
 * optional, and {@link #problemResponses()} gives every 4xx/5xx response that content. The 401 of an operation that
 * needs the token is the same everywhere ({@value #UNAUTHORIZED}), so it is added here rather than by each controller.
 */
public final class ApiDocs {

    /** Name of the security scheme: HTTP bearer, JWT. */
    public static final String BEARER_JWT = "bearer-jwt";
    /** Name of the RFC 9457 problem schema in {@code components.schemas}. */
    public static final String PROBLEM_SCHEMA = "Problem";
    public static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** The 401 every operation that needs the bearer token answers without a valid one. */
    public static final String UNAUTHORIZED = "No valid bearer token";

    private static final Pattern ERROR_STATUS = Pattern.compile("[45]\\d\\d");

    private ApiDocs() {
    }

    /** The base document of a service; springdoc adds the operations. */
    public static OpenAPI document(ApiDocsProperties properties) {
        return new OpenAPI()
                .info(new Info().title(properties.title()).description(properties.description())
                        .version(properties.version()))
                .servers(List.of(new Server().url("/")
                        .description("Relative: the address this document was loaded from (the gateway)")))
                .components(new Components()
                        .addSecuritySchemes(BEARER_JWT, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description("`Authorization: Bearer <JWT>` with claims `sub`, `role` (CUSTOMER, "
                                        + "STORE_OWNER, RIDER, OPERATOR), `storeId` for owners, `region` for riders."))
                        .addSchemas(PROBLEM_SCHEMA, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER_JWT));
    }

    /**
     * Every 4xx/5xx response: {@code application/problem+json} with the problem schema, declared examples kept; every
     * operation that needs the token (it does not clear the security requirement) answers 401.
     */
    public static OpenApiCustomizer problemResponses() {
        return ApiDocs::problemResponses;
    }

    static void problemResponses(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        if (openApi.getComponents().getSchemas() == null
                || !openApi.getComponents().getSchemas().containsKey(PROBLEM_SCHEMA)) {
            openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
        }
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            if (operation.getResponses() == null) {
                return;
            }
            boolean needsToken = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
            if (needsToken && !operation.getResponses().containsKey("401")) {
                operation.getResponses().addApiResponse("401", new ApiResponse().description(UNAUTHORIZED));
            }
            operation.getResponses().forEach((status, response) -> {
                if (ERROR_STATUS.matcher(status).matches()) {
                    asProblem(response);
                }
            });
        }));
    }

    private static void asProblem(ApiResponse response) {
        Content content = response.getContent();
        MediaType problem = content == null ? null : content.get(PROBLEM_JSON);
        if (problem == null) {
            problem = new MediaType();
            if (content != null) {
                // examples declared under another media type (or the default one) still belong to the problem
                for (MediaType other : content.values()) {
                    if (other.getExamples() != null && !other.getExamples().isEmpty()) {
                        problem.setExamples(other.getExamples());
                        break;
                    }
                }
            }
        }
        problem.setSchema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA));
        response.setContent(new Content().addMediaType(PROBLEM_JSON, problem));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema<?> problemSchema() {
        Schema fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().description("the offending field or parameter"))
                .addProperty("message", new StringSchema());
        Schema problem = new ObjectSchema()
                .description("RFC 9457 problem details (`application/problem+json`). Bad input (400) lists the "
                        + "offending fields in `errors` where the service knows them.")
                .addProperty("type", new StringSchema().format("uri").example("https://baedal.example/problems/order-not-found"))
                .addProperty("title", new StringSchema().example("Conflict"))
                .addProperty("status", new IntegerSchema().example(409))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("errors", new ArraySchema().items(fieldError));
        problem.setRequired(List.of("status"));
        problem.setAdditionalProperties(Boolean.TRUE);
        problem.setExample(Map.of("type", "https://baedal.example/problems/order-not-found",
                "title", "Order not found", "status", 404,
                "detail", "No order 0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11.",
                "instance", "/api/orders/0b9c4c8e-5d1b-4d5e-9b44-3f3f1f0e2a11"));
        return problem;
    }
}

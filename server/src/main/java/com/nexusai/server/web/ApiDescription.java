package com.nexusai.server.web;

import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (ADMIN, DEVOPS): springdoc reads the controllers, each operation
 * has its summary ({@code @Operation}); this adds the bearer scheme and the error answers every operation can give,
 * all RFC 9457 problems: 400 with a parameter or a body (the detail names the field), 404 with a path variable,
 * 401 and 403 behind sign-in, 503 when a service it needs is down or stalled.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

    static final String PROBLEM = "Problem";
    private static final String BEARER = "bearer";
    /** The operations anyone may call: they have no 401 or 403 answer of their own kind. */
    private static final Set<String> OPEN = Set.of("/api/auth/login", "/api/auth/refresh");

    @Bean
    OpenAPI nexusAiApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info().title("NexusAI server API").version(properties == null ? "dev" : properties.getVersion())
                        .description("Errors are RFC 9457 problems (application/problem+json) in the caller's language "
                                + "(Accept-Language: en or fr)."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                                .description("The accessToken of POST /api/auth/login"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    GlobalOpenApiCustomizer errorAnswers() {
        return api -> api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            boolean open = OPEN.contains(path);
            if (open) {
                operation.setSecurity(java.util.List.of());
            }
            if (hasInput(operation)) {
                add(operation, "400", "The request is wrong: the detail names the field or parameter and why");
            }
            if (!open) {
                add(operation, "401", "No valid access token");
                add(operation, "403", "The caller's role may not do this");
            }
            if (operation.getParameters() != null && operation.getParameters().stream().map(Parameter::getIn).anyMatch("path"::equals)) {
                add(operation, "404", "Nothing has this identifier (or the caller may not see it)");
            }
            add(operation, "503", "A service this needs (PostgreSQL, Redis, Kafka, the object store, Ollama) is down or stalled: "
                    + "the detail names it; Retry-After says when to try again");
        }));
    }

    private static boolean hasInput(Operation operation) {
        return operation.getRequestBody() != null || operation.getParameters() != null && !operation.getParameters().isEmpty();
    }

    private static void add(Operation operation, String status, String description) {
        if (operation.getResponses().containsKey(status)) {
            return;
        }
        operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                .content(new Content().addMediaType("application/problem+json", new MediaType().schema(new Schema<>().$ref(PROBLEM)))));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("An RFC 9457 problem; some carry more members, such as fix (what to do)")
                .properties(Map.of(
                        "type", new StringSchema().example("about:blank"),
                        "title", new StringSchema().example("Bad Request"),
                        "status", new IntegerSchema().example(400),
                        "detail", new StringSchema().example("limit: must be between 1 and 1000"),
                        "instance", new StringSchema().example("/api/incidents")));
    }
}

package com.nexusai.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class RequiredEnvironmentCheckTest {

    private final RequiredEnvironmentCheck check = new RequiredEnvironmentCheck();

    private static StandardEnvironment environmentWithConfigFile(Map<String, Object> configFile, Map<String, Object> set) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("environment", set));
        environment.getPropertySources().addLast(new OriginTrackedMapPropertySource("application-prod.yml", configFile));
        ConfigurationPropertySources.attach(environment); // as SpringApplication does
        return environment;
    }

    private static Map<String, Object> prodFile() {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("spring.datasource.url", "jdbc:postgresql://${DB_HOST}:${DB_PORT:5432}/${DB_NAME}");
        file.put("spring.datasource.password", "${DB_PASSWORD}");
        file.put("nexusai.security.jwt.secret", "${JWT_SECRET}");
        file.put("nexusai.data-dir", "${user.home}/data");
        return file;
    }

    @Test
    void everyMissingVariableIsNamedWithTheSettingThatNeedsIt() {
        StandardEnvironment environment = environmentWithConfigFile(prodFile(), Map.of("DB_NAME", "nexusai"));
        assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
                .isInstanceOfSatisfying(MissingConfigurationException.class, e -> assertThat(e.missing())
                        .containsExactly(Map.entry("DB_HOST", "spring.datasource.url"),
                                Map.entry("DB_PASSWORD", "spring.datasource.password"),
                                Map.entry("JWT_SECRET", "nexusai.security.jwt.secret")));
    }

    @Test
    void variablesWithADefaultAndLowerCasePlaceholdersAreNotRequired() {
        StandardEnvironment environment = environmentWithConfigFile(prodFile(),
                Map.of("DB_HOST", "db", "DB_NAME", "n", "DB_PASSWORD", "p", "JWT_SECRET", "j"));
        assertThatCode(() -> check.postProcessEnvironment(environment, new SpringApplication())).doesNotThrowAnyException();
    }

    @Test
    void aSettingGivenDirectlyNeedsNoneOfTheFilesVariables() {
        StandardEnvironment environment = environmentWithConfigFile(prodFile(), Map.of(
                "spring.datasource.url", "jdbc:postgresql://db:5432/n", "DB_PASSWORD", "p", "JWT_SECRET", "j"));
        assertThatCode(() -> check.postProcessEnvironment(environment, new SpringApplication())).doesNotThrowAnyException();
    }

    @Test
    void theFailureReportListsTheVariablesAndWhereToSetThem() {
        FailureAnalysis analysis = new MissingConfigurationFailureAnalyzer().analyze(
                new IllegalStateException(new MissingConfigurationException("OLLAMA_URL", "nexusai.ai.ollama.base-url")));
        assertThat(analysis.getDescription()).contains("OLLAMA_URL (needed by nexusai.ai.ollama.base-url)");
        assertThat(analysis.getAction()).contains("env.sh");
    }
}

package com.nexusai.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code nexusai.*} setting the server reads is in the configuration metadata the build generates
 * (IDEs complete and explain it from there), with a description: those bound by the feature packages' records
 * (descriptions from their {@code @param} tags) and those read with {@code @Value} (additional metadata).
 */
class ConfigurationMetadataTest {

    private static final Pattern READ_IN_CODE = Pattern.compile("(?:\\$\\{|getProperty\\(\")(nexusai\\.[a-z0-9.-]+)");

    @Test
    void everySettingTheServerReadsIsDescribed() throws IOException {
        Map<String, JsonNode> described = describedSettings();
        Set<String> read = new TreeSet<>();
        read.addAll(settingsInConfigurationFiles());
        read.addAll(settingsReadInCode());

        assertThat(read).as("settings found in application*.yml and the code").hasSizeGreaterThan(40);
        assertThat(read).as("settings without metadata").allSatisfy(name -> assertThat(described).containsKey(name));
        assertThat(described.values()).as("described settings")
                .allSatisfy(setting -> assertThat(setting.path("description").asString()).as(setting.path("name").asString()).isNotBlank());
    }

    @Test
    void defaultsAreThoseTheServerApplies() throws IOException {
        Map<String, JsonNode> described = describedSettings();
        assertThat(described.get("nexusai.metrics.history.interval").path("defaultValue").asString()).isEqualTo("15s");
        assertThat(described.get("nexusai.web.max-body").path("defaultValue").asString()).isEqualTo("64KB");
        assertThat(described.get("nexusai.alerts.open-incidents").path("defaultValue").asString()).isEqualTo("critical");
        assertThat(described.get("nexusai.security.jwt.expiration").path("defaultValue").asString()).isEqualTo("86400000");
    }

    private static Map<String, JsonNode> describedSettings() throws IOException {
        try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the metadata the configuration processor writes").isNotNull();
            Map<String, JsonNode> byName = new HashMap<>();
            for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
                String name = property.path("name").asString();
                if (name.startsWith("nexusai.")) {
                    byName.put(name, property);
                }
            }
            return byName;
        }
    }

    private static Set<String> settingsInConfigurationFiles() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("application.*\\.yml")).toList()) {
                for (PropertySource<?> source : new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file))) {
                    for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                        if (name.startsWith("nexusai.")) {
                            names.add(name.replaceAll("\\[\\d+]$", ""));
                        }
                    }
                }
            }
        }
        return names;
    }

    private static Set<String> settingsReadInCode() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = READ_IN_CODE.matcher(Files.readString(source));
                while (matcher.find()) {
                    names.add(matcher.group(1));
                }
            }
        }
        return names;
    }
}

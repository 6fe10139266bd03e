package com.nexusai.server.config;

import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Fails the start, before anything connects, when the active configuration files use an
 * environment variable ({@code ${DB_HOST}}, no default) that is not set, naming every missing one
 * at once. A setting given directly (say {@code spring.datasource.url}) overrides the file's and so
 * does not need its variables.
 */
public final class RequiredEnvironmentCheck implements EnvironmentPostProcessor, Ordered {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        SequencedMap<String, TreeSet<String>> missing = new LinkedHashMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof OriginTrackedMapPropertySource configFile)) {
                continue;
            }
            for (String name : configFile.getPropertyNames()) {
                if (effectiveSource(environment, name) != configFile) {
                    continue;
                }
                Matcher matcher = VARIABLE.matcher(String.valueOf(configFile.getProperty(name)));
                while (matcher.find()) {
                    String variable = matcher.group(1);
                    if (!environment.containsProperty(variable)) {
                        missing.computeIfAbsent(variable, v -> new TreeSet<>()).add(name);
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            SequencedMap<String, String> report = new LinkedHashMap<>();
            missing.forEach((variable, properties) -> report.put(variable, String.join(", ", properties)));
            throw new MissingConfigurationException(report);
        }
    }

    private static PropertySource<?> effectiveSource(ConfigurableEnvironment environment, String name) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                continue; // Boot's view over all the others, not a source of its own
            }
            if (source instanceof EnumerablePropertySource<?> enumerable ? enumerable.containsProperty(name)
                    : source.getProperty(name) != null) {
                return source;
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after the config files are loaded
    }
}

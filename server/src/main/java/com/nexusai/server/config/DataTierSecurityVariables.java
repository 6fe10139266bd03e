package com.nexusai.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * env.sh's credentials and TLS for the data tier, as Spring's and the clients' standard settings. Each is off
 * until its variable is set:
 * <ul>
 * <li>{@code DATA_TIER_CA_FILE}: the PEM certificate of the authority that signed the data tier's servers,
 * trusted by every client below (the system's trust store otherwise);</li>
 * <li>{@code DB_SSLMODE} ({@code verify-full} in production): pgjdbc's {@code sslmode}, with the authority as
 * {@code sslrootcert}, on the datasource URL and so on the replica's, pg_dump's and pg_restore's connections;</li>
 * <li>{@code REDIS_TLS=true} and {@code REDIS_USERNAME} (an ACL user, with {@code REDIS_PASSWORD}): Redis and its
 * Sentinels over TLS;</li>
 * <li>{@code KAFKA_SECURITY_PROTOCOL=SASL_SSL} with {@code KAFKA_SASL_USERNAME}/{@code KAFKA_SASL_PASSWORD}
 * ({@code KAFKA_SASL_MECHANISM}, SCRAM-SHA-512 by default): every Kafka client of the server;</li>
 * <li>an {@code https://} {@code MINIO_ENDPOINT}: the object store, trusting the authority.</li>
 * </ul>
 * A value that is not one of the allowed ones stops the server at start, naming the variable.
 */
public final class DataTierSecurityVariables implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "env.sh data tier security";
    static final String BUNDLE = "data-tier";
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final Set<String> KAFKA_PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_SSL", "SASL_PLAINTEXT");
    private static final Set<String> SASL_MECHANISMS = Set.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> settings = new LinkedHashMap<>();
        String ca = variable(environment, "DATA_TIER_CA_FILE");
        if (!ca.isEmpty()) {
            if (!Files.isReadable(Path.of(ca))) {
                throw new InvalidConfigurationException("DATA_TIER_CA_FILE", ca, "a readable PEM certificate file");
            }
            settings.put("nexusai.data-tier.ca-file", ca);
            settings.put("spring.ssl.bundle.pem." + BUNDLE + ".truststore.certificate", "file:" + ca);
        }
        postgres(environment, ca, settings);
        redis(environment, ca, settings);
        kafka(environment, ca, settings);
        if (settings.isEmpty()) {
            return;
        }
        PropertySources.addBelowCommandLine(environment, new MapPropertySource(SOURCE, settings));
    }

    private static void postgres(ConfigurableEnvironment environment, String ca, Map<String, Object> settings) {
        String mode = variable(environment, "DB_SSLMODE");
        if (mode.isEmpty()) {
            return;
        }
        if (!SSL_MODES.contains(mode)) {
            throw new InvalidConfigurationException("DB_SSLMODE", mode, "one of " + String.join(", ", SSL_MODES.stream().sorted().toList()));
        }
        // application-prod.yml appends this to the datasource URL
        settings.put("nexusai.database.url-parameters", "?sslmode=" + mode + (ca.isEmpty() ? "" : "&sslrootcert=" + ca));
    }

    private static void redis(ConfigurableEnvironment environment, String ca, Map<String, Object> settings) {
        String username = variable(environment, "REDIS_USERNAME");
        if (!username.isEmpty()) {
            settings.put("spring.data.redis.username", username);
        }
        String tls = variable(environment, "REDIS_TLS").toLowerCase(Locale.ROOT);
        if (!tls.isEmpty() && !tls.equals("true") && !tls.equals("false")) {
            throw new InvalidConfigurationException("REDIS_TLS", tls, "true or false");
        }
        if (tls.equals("true")) {
            settings.put("spring.data.redis.ssl.enabled", "true");
            if (!ca.isEmpty()) {
                settings.put("spring.data.redis.ssl.bundle", BUNDLE);
            }
        }
    }

    private static void kafka(ConfigurableEnvironment environment, String ca, Map<String, Object> settings) {
        String protocol = variable(environment, "KAFKA_SECURITY_PROTOCOL").toUpperCase(Locale.ROOT);
        if (protocol.isEmpty() || protocol.equals("PLAINTEXT")) {
            return;
        }
        if (!KAFKA_PROTOCOLS.contains(protocol)) {
            throw new InvalidConfigurationException("KAFKA_SECURITY_PROTOCOL", protocol, "one of PLAINTEXT, SSL, SASL_SSL, SASL_PLAINTEXT");
        }
        String prefix = "spring.kafka.properties.";
        settings.put(prefix + "security.protocol", protocol);
        if (protocol.startsWith("SASL_")) {
            String mechanism = variable(environment, "KAFKA_SASL_MECHANISM");
            mechanism = mechanism.isEmpty() ? "SCRAM-SHA-512" : mechanism.toUpperCase(Locale.ROOT);
            if (!SASL_MECHANISMS.contains(mechanism)) {
                throw new InvalidConfigurationException("KAFKA_SASL_MECHANISM", mechanism, "SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN");
            }
            String username = variable(environment, "KAFKA_SASL_USERNAME");
            String password = environment.getProperty("KAFKA_SASL_PASSWORD", "");
            if (username.isEmpty() || password.isEmpty()) {
                throw new MissingConfigurationException(username.isEmpty() ? "KAFKA_SASL_USERNAME" : "KAFKA_SASL_PASSWORD",
                        "Kafka's " + mechanism + " sign-in, since KAFKA_SECURITY_PROTOCOL is " + protocol);
            }
            String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            settings.put(prefix + "sasl.mechanism", mechanism);
            settings.put(prefix + "sasl.jaas.config", module + " required username=\"" + quoted(username) + "\" password=\"" + quoted(password) + "\";");
        }
        if (protocol.endsWith("SSL") && !ca.isEmpty()) {
            settings.put(prefix + "ssl.truststore.type", "PEM");
            settings.put(prefix + "ssl.truststore.location", ca);
        }
    }

    /** JAAS's quoted strings: a backslash or a double quote is escaped. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String variable(ConfigurableEnvironment environment, String name) {
        return environment.getProperty(name, "").strip();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}

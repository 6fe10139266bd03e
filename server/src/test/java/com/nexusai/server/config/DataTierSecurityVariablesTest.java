package com.nexusai.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** env.sh's data tier security variables become the clients' settings, only when set, and a wrong value names its variable. */
class DataTierSecurityVariablesTest {

    @TempDir
    Path dir;

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("env.sh", variables));
        new DataTierSecurityVariables().postProcessEnvironment(environment, null);
        return environment;
    }

    private Map<String, Object> secured() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Map<String, Object> variables = new HashMap<>();
        variables.put("DATA_TIER_CA_FILE", ca.toString());
        variables.put("DB_SSLMODE", "verify-full");
        variables.put("REDIS_TLS", "true");
        variables.put("REDIS_USERNAME", "nexusai");
        variables.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
        variables.put("KAFKA_SASL_USERNAME", "nexusai");
        variables.put("KAFKA_SASL_PASSWORD", "pa\"ss");
        return variables;
    }

    @Test
    void everyClientIsSecuredWithTheDataTiersAuthority() throws Exception {
        StandardEnvironment environment = environment(secured());
        String ca = dir.resolve("ca.pem").toString();
        assertThat(environment.getProperty("nexusai.database.url-parameters")).isEqualTo("?sslmode=verify-full&sslrootcert=" + ca);
        assertThat(environment.getProperty("spring.data.redis.ssl.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("spring.data.redis.ssl.bundle")).isEqualTo("data-tier");
        assertThat(environment.getProperty("spring.ssl.bundle.pem.data-tier.truststore.certificate")).isEqualTo("file:" + ca);
        assertThat(environment.getProperty("spring.data.redis.username")).isEqualTo("nexusai");
        assertThat(environment.getProperty("spring.kafka.properties.security.protocol")).isEqualTo("SASL_SSL");
        assertThat(environment.getProperty("spring.kafka.properties.sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(environment.getProperty("spring.kafka.properties.sasl.jaas.config")).isEqualTo(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"nexusai\" password=\"pa\\\"ss\";");
        assertThat(environment.getProperty("spring.kafka.properties.ssl.truststore.type")).isEqualTo("PEM");
        assertThat(environment.getProperty("spring.kafka.properties.ssl.truststore.location")).isEqualTo(ca);
        assertThat(environment.getProperty("nexusai.data-tier.ca-file")).isEqualTo(ca);
    }

    @Test
    void emptyAsShippedInEnvShChangesNothing() {
        StandardEnvironment environment = environment(Map.of("DATA_TIER_CA_FILE", "", "DB_SSLMODE", "", "REDIS_TLS", "false",
                "REDIS_USERNAME", "", "KAFKA_SECURITY_PROTOCOL", "PLAINTEXT", "KAFKA_SASL_USERNAME", "", "KAFKA_SASL_PASSWORD", ""));
        assertThat(environment.getPropertySources().contains(DataTierSecurityVariables.SOURCE)).isFalse();
    }

    @Test
    void aValueOutsideTheAllowedOnesNamesTheVariable() throws Exception {
        Map<String, Object> badMode = secured();
        badMode.put("DB_SSLMODE", "verify_full");
        assertThatThrownBy(() -> environment(badMode)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("DB_SSLMODE=\"verify_full\"").hasMessageContaining("verify-full");
        Map<String, Object> badProtocol = secured();
        badProtocol.put("KAFKA_SECURITY_PROTOCOL", "TLS");
        assertThatThrownBy(() -> environment(badProtocol)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("KAFKA_SECURITY_PROTOCOL");
        Map<String, Object> missingCa = secured();
        missingCa.put("DATA_TIER_CA_FILE", dir.resolve("absent.pem").toString());
        assertThatThrownBy(() -> environment(missingCa)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("DATA_TIER_CA_FILE");
    }

    @Test
    void saslWithoutItsPasswordNamesTheMissingVariable() throws Exception {
        Map<String, Object> variables = secured();
        variables.put("KAFKA_SASL_PASSWORD", "");
        assertThatThrownBy(() -> environment(variables)).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("KAFKA_SASL_PASSWORD");
    }
}

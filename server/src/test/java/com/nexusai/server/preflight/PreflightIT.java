package com.nexusai.server.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nexusai.server.support.ProdServices;
import com.nexusai.server.support.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar nexusai-server.jar --preflight}: the packaged jar as an operator runs it before a deployment. */
class PreflightIT {

    @TempDir
    Path tmp;

    private static Map<String, String> baseEnvironment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", System.getenv("PATH"));
        environment.put("HOME", System.getProperty("user.home"));
        return environment;
    }

    private static boolean hasLine(String output, String status, String name) {
        return output.lines().anyMatch(line -> line.startsWith(status) && line.substring(6).startsWith(name));
    }

    @Test
    void embeddedModeChecksTheHostAndStartsNothing() throws Exception {
        try (ServerProcess preflight = ServerProcess.start(tmp.resolve("out.log"), null, "--preflight",
                "--nexusai.data-dir=" + tmp.resolve("data"))) {
            int exit = preflight.awaitExit(Duration.ofMinutes(1));
            String output = preflight.output();
            for (String name : List.of("CPU cores", "RAM", "disk", "open files", "processes", "services", "pg_dump", "redis-cli", "Ollama",
                    "TLS", "JWT secret")) {
                assertThat(output.lines().anyMatch(line -> line.length() > 6 && line.substring(6).startsWith(name))).as(name + " in\n" + output).isTrue();
            }
            assertThat(hasLine(output, "OK", "services")).isTrue();
            assertThat(hasLine(output, "OK", "pg_dump")).as(output).isTrue();
            assertThat(output).doesNotContain("ready at");
            boolean anyFail = output.lines().anyMatch(line -> line.startsWith("FAIL"));
            assertThat(exit).as(output).isEqualTo(anyFail ? 1 : 0);
            if (Runtime.getRuntime().availableProcessors() < 4) {
                assertThat(hasLine(output, "FAIL", "CPU cores")).as("below the guide's minimum of 4 cores").isTrue();
                assertThat(output).contains("give it at least 4 cores").contains("Not ready");
            }
        }
    }

    @Test
    void prodWithoutTheGuidesVariablesSaysWhatIsMissing() throws Exception {
        try (ServerProcess preflight = ServerProcess.start(tmp.resolve("out.log"), baseEnvironment(), "--preflight",
                "--spring.profiles.active=prod")) {
            assertThat(preflight.awaitExit(Duration.ofMinutes(1))).isEqualTo(2);
            assertThat(preflight.output()).contains("DB_HOST").contains("JWT_SECRET");
        }
    }

    @Test
    void prodChecksEveryServiceAndTheCertificate() throws Exception {
        Path keystore = tmp.resolve("nexusai.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "nexusai", "-keyalg", "EC", "-dname", "CN=nexusai", "-validity", "10", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit").inheritIO().start();
        assertThat(keytool.waitFor()).isZero();
        try (ProdServices services = ProdServices.start(tmp.resolve("services"))) {
            Map<String, String> environment = baseEnvironment();
            environment.putAll(services.environment());
            environment.put("SSL_KEYSTORE_PASSWORD", "changeit");
            environment.put("SERVER_SSL_ENABLED", "true"); // as env.sh has it
            try (ServerProcess preflight = ServerProcess.start(tmp.resolve("up.log"), environment, "--preflight",
                    "--spring.profiles.active=prod", "--nexusai.data-dir=" + tmp.resolve("data"),
                    "--server.ssl.key-store=" + keystore, "--server.ssl.key-store-password=changeit", "--server.ssl.key-store-type=PKCS12")) {
                preflight.awaitExit(Duration.ofMinutes(1));
                String output = preflight.output();
                assertThat(hasLine(output, "OK", "PostgreSQL")).as(output).isTrue();
                assertThat(output).contains("15.19");
                assertThat(hasLine(output, "OK", "Redis")).as(output).isTrue();
                assertThat(hasLine(output, "WARN", "Kafka")).as("one broker, the guide asks for 3\n" + output).isTrue();
                assertThat(hasLine(output, "OK", "object store")).as(output).isTrue();
                assertThat(hasLine(output, "OK", "JWT secret")).as(output).isTrue();
                assertThat(hasLine(output, "WARN", "TLS")).as("a certificate for 10 days\n" + output).isTrue();
                assertThat(output).contains("renew the certificate");
                assertThat(hasLine(output, "WARN", "Ollama")).as(output).isTrue();
            }

            environment.put("DB_PORT", "1");
            environment.put("REDIS_PORT", "1");
            environment.put("KAFKA_SERVERS", "127.0.0.1:1");
            environment.put("MINIO_ENDPOINT", "http://127.0.0.1:1");
            try (ServerProcess preflight = ServerProcess.start(tmp.resolve("down.log"), environment, "--preflight",
                    "--spring.profiles.active=prod", "--nexusai.data-dir=" + tmp.resolve("data"))) {
                assertThat(preflight.awaitExit(Duration.ofMinutes(1))).isEqualTo(1);
                String output = preflight.output();
                for (String service : List.of("PostgreSQL", "Redis", "Kafka", "object store")) {
                    assertThat(hasLine(output, "FAIL", service)).as(service + "\n" + output).isTrue();
                }
                assertThat(output).contains("Not ready");
            }
        }
    }
}

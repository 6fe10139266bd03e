package com.nexusai.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.nexusai.server.support.Haproxy;
import com.nexusai.server.support.Http;
import com.nexusai.server.support.ProdServices;
import com.nexusai.server.support.SupervisedInstance;
import com.nexusai.server.support.TlsMaterial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

/**
 * Two prod-profile instances (separate JVMs from the packaged jar) behind a real HAProxy started with the
 * repository's haproxy.cfg, on loopback, sharing one PostgreSQL, Redis, Kafka and S3 store, TLS on both sides
 * as the guide puts it (§4.1): clients speak HTTPS to HAProxy, which checks and reaches each instance over
 * HTTPS on a keytool certificate it verifies. A token from one instance works on the other, failed sign-ins
 * from one client lock out neither another client nor the user elsewhere and the audit has both real
 * addresses, a scheduled job runs once per occurrence, bin/rolling-update.sh updates them one at a time with
 * no failed request (its scheme from the instances' env.sh), and with one instance killed the proxy keeps
 * answering. Each instance runs under a small supervisor loop that restarts it when it exits, as systemd does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadBalancedInstancesIT {

    private static final Path INSTALLERS = Haproxy.INSTALLERS;

    @TempDir
    static Path dir;

    static ProdServices services;
    static TlsMaterial tls;
    static final List<SupervisedInstance> instances = new ArrayList<>();
    static Haproxy haproxy;
    static Http proxy;
    static String admin;

    @BeforeAll
    static void startServicesInstancesAndHaproxy() throws Exception {
        tls = TlsMaterial.make(dir.resolve("tls"));
        services = ProdServices.start(dir.resolve("services"));
        String[] args = {"--nexusai.maintenance.cron.vacuum=*/2 * * * * *", "--nexusai.maintenance.lock-at-least=1s"};
        // one at a time: the first creates the admin account
        instances.add(SupervisedInstance.start(dir, "instance-1", services.environment(), tls, args));
        instances.add(SupervisedInstance.start(dir, "instance-2", services.environment(), tls, args));
        haproxy = Haproxy.start(dir, instances, tls);
        proxy = haproxy.http();
        admin = proxy.accessToken("admin", services.adminPassword());
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (haproxy != null) {
            haproxy.close();
        }
        for (SupervisedInstance instance : instances) {
            instance.stop();
        }
        if (services != null) {
            services.close();
        }
    }

    static Map<String, String> haproxyStatus() throws IOException {
        return haproxy.status();
    }

    static Map<String, String> stat(String column) throws IOException {
        return haproxy.stat(column);
    }

    @Test
    @Order(1)
    void aTokenFromOneInstanceWorksOnTheOtherAndTheProxySpreadsRequests() throws Exception {
        SupervisedInstance first = instances.get(0);
        SupervisedInstance second = instances.get(1);
        String token = first.http().accessToken("admin", services.adminPassword());
        HttpResponse<String> me = second.http().get("/api/users/me", token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(Http.json(me).path("username").asString()).isEqualTo("admin");

        for (int i = 0; i < 20; i++) {
            assertThat(proxy.get("/api/users/me", token).statusCode()).isEqualTo(200);
        }
        // both instances took sessions (HAProxy's stot column)
        Map<String, String> sessions = stat("stot");
        for (SupervisedInstance instance : instances) {
            assertThat(Long.parseLong(sessions.get(instance.name()))).as(instance.name()).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    @Order(2)
    void failedSignInsFromOneClientLockOutNeitherAnotherClientNorTheUserAndTheAuditHasBothAddresses() throws Exception {
        String name = "roamer-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        assertThat(proxy.post("/api/admin/users", Http.toJson(Map.of("username", name, "password", "roamer-password-1")), admin)
                .statusCode()).isEqualTo(201);
        HttpClient attacker = clientFrom("127.0.0.2");
        HttpClient user = clientFrom("127.0.0.3");
        for (int i = 0; i < 25; i++) {
            assertThat(login(attacker, name, "wrong-" + i).statusCode()).isIn(401, 429);
        }
        assertThat(login(attacker, name, "roamer-password-1").statusCode()).as("the attacker's address is blocked").isEqualTo(429);
        assertThat(login(user, name, "roamer-password-1").statusCode()).as("the user, from elsewhere").isEqualTo(200);
        assertThat(login(user, "admin", services.adminPassword()).statusCode()).as("another user").isEqualTo(200);

        JsonNode audit = Http.json(proxy.get("/api/admin/audit?username=" + name + "&limit=100", admin));
        Map<String, List<String>> addresses = new HashMap<>();
        audit.valueStream().forEach(event -> addresses.computeIfAbsent(event.path("type").asString(), type -> new ArrayList<>())
                .add(event.path("remoteAddress").asString()));
        assertThat(addresses.get("LOGIN_FAILED")).isNotEmpty().containsOnly("127.0.0.2");
        assertThat(addresses.get("LOGIN_THROTTLED")).isNotEmpty().containsOnly("127.0.0.2");
        assertThat(addresses.get("LOGIN_OK")).containsExactly("127.0.0.3");
    }

    static HttpClient clientFrom(String address) throws IOException {
        return HttpClient.newBuilder().sslContext(tls.proxyTrust()).localAddress(InetAddress.getByName(address))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpResponse<String> login(HttpClient client, String username, String password) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(proxy.base() + "/api/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.toJson(Map.of("username", username, "password", password)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(3)
    void aScheduledJobOnBothInstancesRunsOncePerOccurrence() {
        var postgres = services.platform().postgres();
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/nexusai_prod",
                postgres.username(), postgres.password()));
        Instant since = Instant.now();
        await().atMost(Duration.ofSeconds(40)).until(() -> jdbc.queryForObject(
                "select count(*) from maintenance_runs where job = 'vacuum' and trigger = 'scheduled' and started_at >= ?",
                Integer.class, java.sql.Timestamp.from(since)) >= 5);
        List<Map<String, Object>> perOccurrence = jdbc.queryForList("""
                select floor(extract(epoch from started_at) / 2) as occurrence, count(*) as runs
                from maintenance_runs where job = 'vacuum' and trigger = 'scheduled' group by 1""");
        assertThat(perOccurrence).hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(row -> assertThat(((Number) row.get("runs")).intValue()).as(row.toString()).isEqualTo(1));
    }

    @Test
    @Order(4)
    void theRollingUpdateTakesOneInstanceAtATimeAndNoRequestFails() throws Exception {
        List<Long> before = new ArrayList<>();
        for (SupervisedInstance instance : instances) {
            before.add(instance.pid());
        }
        Path tokenFile = dir.resolve("admin-token");
        Files.writeString(tokenFile, admin);
        // requests through the proxy the whole time
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Thread traffic = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                try {
                    int status = proxy.get("/api/users/me", admin).statusCode();
                    if (status == 200) {
                        answered.incrementAndGet();
                    } else {
                        failures.add(Instant.now() + " " + status);
                    }
                } catch (Exception e) {
                    failures.add(Instant.now() + " " + e);
                }
            }
        });

        // the "update" of an instance is a restart of its java (the supervisor starts it again), as deploy.sh's systemctl restart
        ProcessBuilder update = new ProcessBuilder("bash", INSTALLERS.resolve("bin/rolling-update.sh").toString(), "nexusai-server-2.0.jar")
                .redirectErrorStream(true);
        Map<String, String> environment = update.environment();
        environment.put("NEXUSAI_INSTANCES", instances.stream().map(i -> i.name() + "=127.0.0.1:" + i.port()).collect(Collectors.joining(" ")));
        environment.put("HAPROXY_ADMIN", "127.0.0.1:" + haproxy.adminPort());
        environment.put("UPDATE_COMMAND", "echo \"update $1 ($2) to $3\"; kill \"$(cat '" + dir + "'/\"$1\".pid)\"");
        environment.put("NEXUSAI_URL", proxy.base());
        environment.put("NEXUSAI_TOKEN_FILE", tokenFile.toString());
        // nothing set by hand for TLS: the scheme comes from the instances' env.sh, the CAs are the ones HAProxy uses
        Path envFile = dir.resolve("env.sh");
        Files.writeString(envFile, "SERVER_SSL_ENABLED=\"true\"\nSERVER_PORT=\"8443\"\n");
        environment.put("NEXUSAI_ENV_FILE", envFile.toString());
        environment.put("HEALTH_CA_FILE", tls.instancesCa().toString());
        environment.put("NEXUSAI_CA_FILE", tls.proxyCertificate().toString());
        Process rollout = update.start();
        String output = new String(rollout.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(rollout.waitFor(10, TimeUnit.MINUTES)).isTrue();
        running.set(false);
        traffic.join();

        System.out.println("rolling update: " + answered.get() + " requests answered through the proxy, " + failures.size() + " failed\n" + output);
        assertThat(rollout.exitValue()).as(output).isZero();
        assertThat(failures).as("requests through the proxy during the rollout").isEmpty();
        assertThat(answered.get()).isGreaterThan(100);
        // the backup came first, then each instance drained, updated and back before the next one was touched
        List<String> steps = output.lines().map(line -> line.replaceFirst("^\\d\\d:\\d\\d:\\d\\d ", "")).toList();
        assertThat(steps).containsSubsequence("backup of PostgreSQL and Redis before the update",
                "[1/2] instance-1 (127.0.0.1:" + instances.get(0).port() + "): draining", "update instance-1 (127.0.0.1:"
                        + instances.get(0).port() + ") to nexusai-server-2.0.jar",
                "[1/2] instance-1: updated, ready and back in HAProxy",
                "[2/2] instance-2 (127.0.0.1:" + instances.get(1).port() + "): draining",
                "[2/2] instance-2: updated, ready and back in HAProxy", "all 2 instances updated, one at a time");
        assertThat(steps.stream().filter(line -> line.startsWith("backup ") && line.endsWith(" succeeded"))).hasSize(2);
        for (int i = 0; i < instances.size(); i++) {
            assertThat(instances.get(i).pid()).as("%s runs a new process", instances.get(i).name()).isNotEqualTo(before.get(i));
        }
        assertThat(haproxyStatus()).containsOnly(Map.entry("instance-1", "UP"), Map.entry("instance-2", "UP"));
    }

    @Test
    @Order(5)
    void withOneInstanceKilledRequestsThroughTheProxyKeepSucceeding() throws Exception {
        SupervisedInstance victim = instances.get(0);
        Files.writeString(victim.stopFile(), ""); // its supervisor does not start it again
        ProcessHandle.of(victim.pid()).orElseThrow().destroyForcibly();
        int failed = 0;
        for (int i = 0; i < 60; i++) {
            if (proxy.get("/api/users/me", admin).statusCode() != 200) {
                failed++;
            }
        }
        assertThat(failed).as("requests failed right after the kill, out of 60").isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> haproxyStatus().get(victim.name()).startsWith("DOWN"));
        assertThat(proxy.get("/api/users/me", admin).statusCode()).isEqualTo(200);
        assertThat(haproxyStatus().get(instances.get(1).name())).isEqualTo("UP");
    }
}

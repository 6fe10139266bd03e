package com.nexusai.server.preflight;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.nexusai.server.platform.ProgramVersion;
import com.nexusai.server.platform.redis.RedisReplicationInfo;
import com.nexusai.server.sql.PostgresUrl;
import com.nexusai.server.storage.MinioClients;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;

/**
 * The guide's §1 and §2.1 for this host, and the services of §2.2: each line OK, WARN or FAIL with
 * what to do. Reads only the configuration (it runs before the server, with {@code --preflight}, or
 * inside it for {@code GET /api/admin/preflight}), so it works the same in both.
 */
public final class Preflight {

    public enum Status { OK, WARN, FAIL }

    /** One check: its name, what was found, what the guide asks, and what to do when it is not OK. */
    public record Check(String name, Status status, String found, String expected, String advice) {
    }

    private static final long GIB = 1024L * 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Environment environment;
    private final boolean embedded;

    public Preflight(Environment environment) {
        this.environment = environment;
        this.embedded = environment.getProperty("nexusai.embedded.enabled", Boolean.class, false);
    }

    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        checks.add(tiered("CPU cores", Runtime.getRuntime().availableProcessors(), 4, 8, 16, "", "cores"));
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        checks.add(tiered("RAM", memory / GIB, 8, 16, 32, " GB", "GB"));
        checks.add(disk());
        checks.add(limit("open files (nofile)", "Max open files", 65536));
        checks.add(limit("processes (nproc)", "Max processes", 32768));
        Integer postgresMajor = embedded ? Integer.valueOf(15) : null;
        if (embedded) {
            checks.add(new Check("services", Status.OK, "embedded mode", "PostgreSQL, Redis, Kafka, S3 store",
                    "the server starts them itself on loopback; for production use the prod profile"));
        } else {
            Check postgres = postgres();
            checks.add(postgres);
            postgresMajor = ProgramVersion.major(postgres.found());
            String replicaHost = environment.getProperty("nexusai.database.replica.host", "");
            if (!replicaHost.isBlank()) {
                checks.add(postgresReplica(replicaHost.strip(), environment.getProperty("nexusai.database.replica.port", Integer.class, 5432)));
            }
            checks.add(redis());
            checks.add(kafka());
            checks.add(objectStore());
        }
        checks.add(clientTool("pg_dump", environment.getProperty("nexusai.backup.pg-dump", "pg_dump"), postgresMajor,
                "apt-get install postgresql-client-" + (postgresMajor == null ? "15" : postgresMajor)));
        checks.add(clientTool("redis-cli", environment.getProperty("nexusai.backup.redis-cli", "redis-cli"), 7, "apt-get install redis-tools"));
        checks.add(ollama());
        checks.add(tls());
        checks.add(jwtSecret());
        return checks;
    }

    public static boolean failed(List<Check> checks) {
        return checks.stream().anyMatch(check -> check.status() == Status.FAIL);
    }

    private static Check tiered(String name, long value, long minimum, long recommended, long production, String unit, String unitWord) {
        String expected = "minimum " + minimum + unit + ", recommended " + recommended + unit + ", production " + production + unit
                + " (guide §1.1, application server)";
        if (value < minimum) {
            return new Check(name, Status.FAIL, value + unit, expected, "this host is below the guide's minimum: give it at least " + minimum
                    + " " + unitWord);
        }
        if (value < recommended) {
            return new Check(name, Status.WARN, value + unit, expected, "enough to run, below the recommended " + recommended + " " + unitWord);
        }
        return new Check(name, Status.OK, value + unit, expected, value < production ? "below the production size (" + production + unit + ")" : "");
    }

    private Check disk() {
        Path dir = Path.of(environment.getProperty("nexusai.data-dir", "."));
        try {
            Path existing = dir.toAbsolutePath();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            long total = Files.getFileStore(existing).getTotalSpace() / GIB;
            long usable = Files.getFileStore(existing).getUsableSpace() / GIB;
            Check sized = tiered("disk (" + existing + ")", total, 50, 100, 200, " GB", "GB");
            return new Check(sized.name(), sized.status(), total + " GB, " + usable + " GB free", sized.expected(), sized.advice());
        } catch (IOException e) {
            return new Check("disk", Status.WARN, "unknown", "50 GB minimum", "could not read " + dir + ": " + e.getMessage());
        }
    }

    /** A soft limit from /proc/self/limits (Linux), as the guide's limits.conf sets it. */
    private static Check limit(String name, String row, long wanted) {
        String expected = ">= " + wanted + " (guide §2.1, /etc/security/limits.conf)";
        Path limits = Path.of("/proc/self/limits");
        if (!Files.isReadable(limits)) {
            return new Check(name, Status.WARN, "unknown", expected, "not a Linux host: check the limit by hand");
        }
        try {
            for (String line : Files.readAllLines(limits)) {
                if (line.startsWith(row)) {
                    String soft = line.substring(row.length()).trim().split("\\s+")[0];
                    long value = soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                    return value >= wanted ? new Check(name, Status.OK, soft, expected, "")
                            : new Check(name, Status.FAIL, soft, expected, "raise it for the service user (limits.conf, or LimitNOFILE/LimitNPROC in the systemd unit)");
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Check(name, Status.WARN, "unknown", expected, "could not read " + limits + ": " + e.getMessage());
        }
        return new Check(name, Status.WARN, "unknown", expected, "not in " + limits);
    }

    private Check postgres() {
        String url = environment.getProperty("spring.datasource.url");
        String expected = "reachable, for the backups pg_dump of the same major version or newer";
        if (url == null) {
            return new Check("PostgreSQL", Status.FAIL, "not configured", expected, "set DB_HOST, DB_NAME, DB_USER, DB_PASSWORD (guide §2.2)");
        }
        Properties login = new Properties();
        login.put("user", environment.getProperty("spring.datasource.username", ""));
        login.put("password", environment.getProperty("spring.datasource.password", ""));
        login.put("connectTimeout", Long.toString(TIMEOUT.toSeconds()));
        try (Connection connection = DriverManager.getConnection(url, login); Statement statement = connection.createStatement();
                ResultSet version = statement.executeQuery("show server_version")) {
            version.next();
            return new Check("PostgreSQL", Status.OK, version.getString(1), expected, url);
        } catch (Exception e) {
            return new Check("PostgreSQL", Status.FAIL, "unreachable", expected, url + ": " + e.getMessage());
        }
    }

    /** The replica of DB_REPLICA_HOST: reachable with the primary's database and credentials, and a standby. */
    private Check postgresReplica(String host, int port) {
        String replicaUrl = PostgresUrl.parse(environment.getProperty("spring.datasource.url", "jdbc:postgresql://")).withAddress(host, port).jdbcUrl();
        String expected = "a streaming standby reachable with the primary's database and credentials (backups read from it)";
        Properties login = new Properties();
        login.put("user", environment.getProperty("spring.datasource.username", ""));
        login.put("password", environment.getProperty("spring.datasource.password", ""));
        login.put("connectTimeout", Long.toString(TIMEOUT.toSeconds()));
        login.put("socketTimeout", Long.toString(TIMEOUT.toSeconds()));
        try (Connection connection = DriverManager.getConnection(replicaUrl, login); Statement statement = connection.createStatement();
                ResultSet recovery = statement.executeQuery("select pg_is_in_recovery(), current_setting('server_version')")) {
            recovery.next();
            return recovery.getBoolean(1) ? new Check("PostgreSQL replica", Status.OK, "standby " + recovery.getString(2), expected, replicaUrl)
                    : new Check("PostgreSQL replica", Status.FAIL, "not a standby", expected,
                            replicaUrl + " is not in recovery: DB_REPLICA_HOST must name the replica, not the primary");
        } catch (Exception e) {
            return new Check("PostgreSQL replica", Status.WARN, "unreachable", expected,
                    replicaUrl + ": " + e.getMessage() + "; backups will read from the primary");
        }
    }

    private Check redis() {
        String master = environment.getProperty("spring.data.redis.sentinel.master", "");
        if (!master.isBlank()) {
            return redisThroughSentinel(master);
        }
        String host = environment.getProperty("spring.data.redis.host", "localhost");
        int port = environment.getProperty("spring.data.redis.port", Integer.class, 6379);
        RedisURI.Builder uri = RedisURI.builder().withHost(host).withPort(port).withTimeout(TIMEOUT);
        withPassword(uri);
        RedisClient client = redisClient(uri.build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            String info = connection.sync().info("server");
            String version = info.lines().filter(l -> l.startsWith("redis_version:")).map(l -> l.substring(14).strip()).findFirst().orElse("?");
            return new Check("Redis", Status.OK, version, "reachable", host + ":" + port);
        } catch (Exception e) {
            return new Check("Redis", Status.FAIL, "unreachable", "reachable", host + ":" + port + ": " + e.getMessage());
        } finally {
            client.shutdown(Duration.ZERO, TIMEOUT);
        }
    }

    /** The master the Sentinels name, reached as the server reaches it; a master without a replica is a warning. */
    private Check redisThroughSentinel(String master) {
        String nodes = environment.getProperty("spring.data.redis.sentinel.nodes", "");
        String expected = "the master " + master + " found through Sentinel, with at least one replica";
        String sentinelPassword = environment.getProperty("spring.data.redis.sentinel.password", "");
        RedisURI.Builder uri = RedisURI.builder().withSentinelMasterId(master).withTimeout(TIMEOUT);
        for (String node : nodes.split(",")) {
            String address = node.strip();
            if (address.isEmpty()) {
                continue;
            }
            int colon = address.lastIndexOf(':');
            String host = colon < 0 ? address : address.substring(0, colon);
            int port = colon < 0 ? 26379 : Integer.parseInt(address.substring(colon + 1));
            if (sentinelPassword.isBlank()) {
                uri.withSentinel(host, port);
            } else {
                uri.withSentinel(host, port, sentinelPassword);
            }
        }
        withPassword(uri);
        RedisURI built = uri.build();
        if (built.getSentinels().isEmpty()) {
            return new Check("Redis", Status.FAIL, "no Sentinel", expected, "set REDIS_SENTINEL_NODES");
        }
        RedisClient client = redisClient(built);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisReplicationInfo replication = RedisReplicationInfo.of(properties(connection.sync().info("replication")));
            String found = "master " + master + " with " + replication.onlineReplicas() + " replica(s) online";
            return replication.onlineReplicas() > 0 ? new Check("Redis", Status.OK, found, expected, nodes)
                    : new Check("Redis", Status.WARN, found, expected, "no replica: a failover would lose the data; check the replicas' replicaof and masterauth");
        } catch (Exception e) {
            return new Check("Redis", Status.FAIL, "unreachable", expected, "Sentinels " + nodes + ": " + rootMessage(e));
        } finally {
            client.shutdown(Duration.ZERO, TIMEOUT);
        }
    }

    /** The password (with the ACL user of REDIS_USERNAME when set) and TLS (REDIS_TLS), as the server signs in. */
    private void withPassword(RedisURI.Builder uri) {
        String username = environment.getProperty("spring.data.redis.username", "");
        String password = environment.getProperty("spring.data.redis.password");
        if (password != null && !password.isBlank()) {
            if (username.isBlank()) {
                uri.withPassword(password.toCharArray());
            } else {
                uri.withAuthentication(username, password);
            }
        }
        if (redisTls()) {
            uri.withSsl(true);
        }
    }

    private boolean redisTls() {
        return environment.getProperty("spring.data.redis.ssl.enabled", Boolean.class, false);
    }

    /** A client that trusts the data tier's authority when Redis is reached over TLS. */
    private RedisClient redisClient(RedisURI uri) {
        RedisClient client = RedisClient.create(uri);
        String ca = environment.getProperty("nexusai.data-tier.ca-file", "");
        if (redisTls() && !ca.isBlank()) {
            client.setOptions(ClientOptions.builder().sslOptions(SslOptions.builder().jdkSslProvider().trustManager(new java.io.File(ca)).build()).build());
        }
        return client;
    }

    private static Properties properties(String info) throws java.io.IOException {
        Properties properties = new Properties();
        properties.load(new java.io.StringReader(info));
        return properties;
    }

    private Check kafka() {
        String servers = environment.getProperty("spring.kafka.bootstrap-servers");
        if (servers == null) {
            return new Check("Kafka", Status.FAIL, "not configured", "reachable", "set KAFKA_SERVERS (guide §2.2)");
        }
        Properties config = new Properties();
        // the security settings env.sh gave (DataTierSecurityVariables), as every Kafka client of the server has them
        config.putAll(Binder.get(environment).bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            int nodes = admin.describeCluster().nodes().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).size();
            Status status = nodes >= 3 ? Status.OK : Status.WARN;
            return new Check("Kafka", status, nodes + " broker(s)", "reachable; 3 nodes minimum (guide §1.1)",
                    nodes >= 3 ? servers : servers + ": fewer brokers than the guide's minimum of 3");
        } catch (Exception e) {
            return new Check("Kafka", Status.FAIL, "unreachable", "reachable", servers + ": " + rootMessage(e));
        }
    }

    private Check objectStore() {
        String endpoint = environment.getProperty("nexusai.storage.minio.endpoint");
        String bucket = environment.getProperty("nexusai.storage.minio.bucket-name", "nexusai-prod");
        if (endpoint == null || endpoint.isBlank()) {
            return new Check("object store", Status.FAIL, "not configured", "reachable", "set MINIO_ENDPOINT, MINIO_ACCESS_KEY, MINIO_SECRET_KEY");
        }
        try (MinioClient minio = MinioClients.create(endpoint, environment.getProperty("nexusai.storage.minio.access-key", ""),
                environment.getProperty("nexusai.storage.minio.secret-key", ""), environment.getProperty("nexusai.data-tier.ca-file"), TIMEOUT, TIMEOUT)) {
            boolean exists = minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
            return new Check("object store", Status.OK, exists ? "bucket " + bucket + " exists" : "reachable, bucket " + bucket + " will be created",
                    "reachable", endpoint);
        } catch (Exception e) {
            return new Check("object store", Status.FAIL, "unreachable", "reachable", endpoint + ": " + rootMessage(e));
        }
    }

    private static Check clientTool(String name, String command, Integer wantedMajor, String install) {
        String expected = wantedMajor == null ? "installed" : "installed, major version " + wantedMajor + " or newer";
        try {
            String output = ProgramVersion.of(command).orElse(null);
            if (output == null) {
                return new Check(name, Status.FAIL, "missing", expected, "backups need it: " + install);
            }
            Integer major = ProgramVersion.major(output);
            if (wantedMajor != null && major != null && major < wantedMajor) {
                return new Check(name, Status.FAIL, output, expected, "too old for the backups: " + install);
            }
            return new Check(name, Status.OK, output, expected, "");
        } catch (IOException e) {
            return new Check(name, Status.FAIL, "broken", expected, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check(name, Status.WARN, "unknown", expected, "interrupted");
        }
    }

    private Check ollama() {
        String base = environment.getProperty("nexusai.ai.ollama.base-url", "http://127.0.0.1:11434");
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base).resolve("/api/version")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? new Check("Ollama", Status.OK, response.body().strip(), "reachable (AI chat)", base)
                    : new Check("Ollama", Status.WARN, "HTTP " + response.statusCode(), "reachable (AI chat)", base + " is not an Ollama server?");
        } catch (Exception e) {
            return new Check("Ollama", Status.WARN, "unreachable", "reachable (AI chat)",
                    "AI chat will be unavailable, the rest works: start Ollama (ollama serve) or set OLLAMA_URL (" + base + ")");
        }
    }

    private Check tls() {
        String expected = "HTTPS with a certificate valid for 30 days or more (guide §4.1)";
        if (!environment.getProperty("server.ssl.enabled", Boolean.class, environment.getProperty("server.ssl.key-store") != null)) {
            return new Check("TLS", Status.WARN, "HTTPS off", expected, "terminate TLS here (server.ssl.*) or at the load balancer");
        }
        String location = environment.getProperty("server.ssl.key-store", "");
        try (InputStream in = Files.newInputStream(Path.of(location.replaceFirst("^file:", "")))) {
            KeyStore store = KeyStore.getInstance(environment.getProperty("server.ssl.key-store-type", "PKCS12"));
            store.load(in, environment.getProperty("server.ssl.key-store-password", "").toCharArray());
            Instant earliest = null;
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                    Instant end = certificate.getNotAfter().toInstant();
                    earliest = earliest == null || end.isBefore(earliest) ? end : earliest;
                }
            }
            if (earliest == null) {
                return new Check("TLS", Status.FAIL, "no certificate in " + location, expected, "put the server's certificate in the key store");
            }
            long days = Duration.between(Instant.now(), earliest).toDays();
            Status status = earliest.isBefore(Instant.now()) ? Status.FAIL : days < 30 ? Status.WARN : Status.OK;
            return new Check("TLS", status, "certificate valid until " + earliest + " (" + days + " days)", expected,
                    status == Status.OK ? location : "renew the certificate in " + location);
        } catch (Exception e) {
            return new Check("TLS", Status.FAIL, "key store unreadable", expected, location + ": " + rootMessage(e));
        }
    }

    private Check jwtSecret() {
        String expected = "at least 64 bytes (guide §4.3: openssl rand -base64 64)";
        if (embedded) {
            return new Check("JWT secret", Status.OK, "generated by the embedded mode", expected, "");
        }
        String secret = environment.getProperty("nexusai.security.jwt.secret");
        if (secret == null || secret.isBlank()) {
            return new Check("JWT secret", Status.FAIL, "not set", expected, "set JWT_SECRET");
        }
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        return bytes >= 64 ? new Check("JWT secret", Status.OK, bytes + " bytes", expected, "")
                : new Check("JWT secret", Status.FAIL, bytes + " bytes", expected, "use openssl rand -base64 64");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

package com.nexusai.server.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.nexusai.server.platform.Secrets;
import com.nexusai.server.platform.redis.RespClient;

/**
 * The guide's replicated Redis on loopback for tests, from Debian's {@code redis-server} (7.0, installed by
 * {@code .ci/run}): a master and a replica with a password, and three Sentinels (quorum 2) that watch them under
 * the name {@value #MASTER}. A data node can be SIGKILLed and started again; the Sentinels promote the replica
 * {@link #DOWN_AFTER} after the master stops answering.
 *
 * <p>As the guide's security asks: every node and Sentinel listens on TLS only (the data tier's server certificate,
 * replication and Sentinel links over TLS too), the default user is off, the instances sign in as the ACL user
 * {@value #USER}, and the Sentinels have a password of their own.
 */
public final class RedisSentinels implements AutoCloseable {

    public static final String MASTER = "nexusai";
    public static final Duration DOWN_AFTER = Duration.ofSeconds(2);
    public static final String USER = "nexusai";

    private final Path dir;
    private final TlsMaterial.DataTier tls;
    private final String password = Secrets.randomToken(24);
    private final String sentinelPassword = Secrets.randomToken(24);
    private final int[] dataPorts = new int[2];
    private final int[] sentinelPorts = new int[3];
    private final Process[] data = new Process[2];
    private final Process[] sentinels = new Process[3];

    private RedisSentinels(Path dir, TlsMaterial.DataTier tls) throws IOException {
        this.dir = dir;
        this.tls = tls;
        for (int i = 0; i < dataPorts.length; i++) {
            dataPorts[i] = SupervisedInstance.freePort();
        }
        for (int i = 0; i < sentinelPorts.length; i++) {
            sentinelPorts[i] = SupervisedInstance.freePort();
        }
    }

    /** Starts the master, then its replica, then the Sentinels; returns once the replica is in sync and each Sentinel sees it. */
    public static RedisSentinels start(Path dir, TlsMaterial.DataTier tls) throws Exception {
        RedisSentinels group = new RedisSentinels(Files.createDirectories(dir), tls);
        try {
            group.startData(0, null);
            group.startData(1, group.dataPorts[0]);
            group.awaitReplicaInSync(1);
            for (int i = 0; i < group.sentinelPorts.length; i++) {
                group.startSentinel(i);
            }
            group.awaitSentinelsSeeReplicas(1);
        } catch (Exception e) {
            group.close();
            throw e;
        }
        return group;
    }

    /** The password of the ACL user {@value #USER}. */
    public String password() {
        return password;
    }

    /** {@code REDIS_SENTINEL_PASSWORD}. */
    public String sentinelPassword() {
        return sentinelPassword;
    }

    /** {@code REDIS_SENTINEL_NODES}. */
    public String sentinelNodes() {
        List<String> nodes = new ArrayList<>();
        for (int port : sentinelPorts) {
            nodes.add("127.0.0.1:" + port);
        }
        return String.join(",", nodes);
    }

    /** The port of data node {@code index} (0 started as the master, 1 as its replica). */
    public int dataPort(int index) {
        return dataPorts[index];
    }

    /** The port of the current master, as the first Sentinel that answers says. */
    public int masterPort() throws IOException {
        for (int port : sentinelPorts) {
            try {
                List<String> address = askSentinelForList(port, "SENTINEL", "get-master-addr-by-name", MASTER);
                return Integer.parseInt(address.get(1));
            } catch (IOException e) {
                // the next Sentinel
            }
        }
        throw new IOException("no Sentinel answers");
    }

    /** The index of the data node on {@code port}. */
    public int indexOf(int port) {
        return port == dataPorts[0] ? 0 : 1;
    }

    /** {@code INFO replication} of data node {@code index}, as text. */
    public String replicationInfo(int index) throws IOException {
        return askData(dataPorts[index], "INFO", "replication");
    }

    public long pid(int index) {
        return data[index].pid();
    }

    /** SIGKILL of data node {@code index}: no shutdown, no save. */
    public void kill(int index) throws InterruptedException {
        data[index].destroyForcibly();
        data[index].waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts data node {@code index} again on its own directory (the Sentinels make it a replica of the new master). */
    public void restart(int index) throws Exception {
        startData(index, null);
    }

    private void startData(int index, Integer masterPort) throws Exception {
        Path nodeDir = Files.createDirectories(dir.resolve("redis-" + index));
        Path conf = nodeDir.resolve("redis.conf");
        if (!Files.exists(conf)) { // a restarted node keeps what the Sentinels wrote into its file (replicaof)
            List<String> lines = new ArrayList<>(List.of("bind 127.0.0.1", "daemonize no", "dir " + nodeDir,
                    "user default off", "user " + USER + " on >" + password + " ~* &* +@all", "masteruser " + USER, "masterauth " + password,
                    "save \"\"", "appendonly no", "repl-diskless-sync yes", "repl-diskless-sync-delay 0",
                    masterPort == null ? "" : "replicaof 127.0.0.1 " + masterPort));
            lines.addAll(tlsOnly(dataPorts[index]));
            Files.writeString(conf, String.join("\n", lines) + "\n");
        }
        data[index] = new ProcessBuilder("redis-server", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDir.resolve("redis.log").toFile())).start();
        awaitAnswers(() -> askData(dataPorts[index], "PING"), dataPorts[index]);
    }

    /** TLS on {@code port}, no plaintext port; replication and Sentinel links over TLS; clients need no certificate. */
    private List<String> tlsOnly(int port) {
        return List.of("port 0", "tls-port " + port, "tls-cert-file " + tls.certificate(), "tls-key-file " + tls.key(),
                "tls-ca-cert-file " + tls.ca(), "tls-auth-clients no", "tls-replication yes");
    }

    private void startSentinel(int index) throws Exception {
        Path sentinelDir = Files.createDirectories(dir.resolve("sentinel-" + index));
        Path conf = sentinelDir.resolve("sentinel.conf");
        List<String> lines = new ArrayList<>(List.of("bind 127.0.0.1", "daemonize no",
                "dir " + sentinelDir, "requirepass " + sentinelPassword, "sentinel sentinel-pass " + sentinelPassword,
                "sentinel monitor " + MASTER + " 127.0.0.1 " + dataPorts[0] + " 2",
                "sentinel auth-user " + MASTER + " " + USER, "sentinel auth-pass " + MASTER + " " + password,
                "sentinel down-after-milliseconds " + MASTER + " " + DOWN_AFTER.toMillis(),
                "sentinel failover-timeout " + MASTER + " 10000", "sentinel parallel-syncs " + MASTER + " 1"));
        lines.addAll(tlsOnly(sentinelPorts[index]));
        Files.writeString(conf, String.join("\n", lines) + "\n");
        sentinels[index] = new ProcessBuilder("redis-server", conf.toString(), "--sentinel").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(sentinelDir.resolve("sentinel.log").toFile())).start();
        awaitAnswers(() -> askSentinel(sentinelPorts[index], "PING"), sentinelPorts[index]);
    }

    private static void awaitAnswers(java.util.concurrent.Callable<String> ping, int port) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .alias("something answers PING over TLS on 127.0.0.1:" + port).until(() -> ping.call().equals("PONG"));
    }

    private void awaitReplicaInSync(int index) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).alias("the replica syncs")
                .until(() -> replicationInfo(index).contains("master_link_status:up"));
    }

    private void awaitSentinelsSeeReplicas(int replicas) {
        for (int port : sentinelPorts) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).alias("the Sentinel on " + port + " sees the replica")
                    .until(() -> askSentinelForList(port, "SENTINEL", "replicas", MASTER).size() >= replicas);
        }
    }

    @Override
    public void close() {
        for (Process process : sentinels) {
            if (process != null) {
                process.destroy();
            }
        }
        for (Process process : data) {
            if (process != null) {
                process.destroy();
            }
        }
    }

    /** One command to a data node, over TLS as the ACL user, through the platform's own RESP client. */
    public String askData(int port, String... args) throws IOException {
        try (RespClient client = client(port)) {
            client.call("AUTH", USER, password);
            return client.call(args);
        }
    }

    private String askSentinel(int port, String... args) throws IOException {
        try (RespClient client = client(port)) {
            client.call("AUTH", sentinelPassword);
            return client.call(args);
        }
    }

    private List<String> askSentinelForList(int port, String... args) throws IOException {
        try (RespClient client = client(port)) {
            client.call("AUTH", sentinelPassword);
            return client.callForList(args);
        }
    }

    private RespClient client(int port) throws IOException {
        return new RespClient("127.0.0.1", port, 3000, tls.trust().getSocketFactory());
    }
}

package com.nexusai.server.platform.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nexusai.server.support.RedisSentinels;
import com.nexusai.server.support.TlsMaterial;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SslOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The client side of the guide's replicated Redis against real Debian redis-server nodes and Sentinels: Spring's
 * Lettuce factory finds the master through the Sentinels, WAIT sees the replica take the writes, and after the
 * master is SIGKILLed the same template writes to the promoted replica. Everything over TLS only, signed in as the
 * ACL user, the Sentinels with a password of their own: what REDIS_TLS, REDIS_USERNAME and REDIS_SENTINEL_PASSWORD
 * give the server.
 */
class RedisSentinelIT {

    @TempDir
    static Path dir;

    static RedisSentinels redis;
    static LettuceConnectionFactory factory;
    static StringRedisTemplate template;
    static RedisReplication replication;

    @BeforeAll
    static void start() throws Exception {
        TlsMaterial tls = TlsMaterial.make(dir.resolve("tls"));
        redis = RedisSentinels.start(dir.resolve("redis"), tls.dataTier());
        RedisSentinelConfiguration sentinel = new RedisSentinelConfiguration().master(RedisSentinels.MASTER);
        for (String node : redis.sentinelNodes().split(",")) {
            sentinel.addSentinel(RedisNode.fromString(node));
        }
        sentinel.setUsername(RedisSentinels.USER);
        sentinel.setPassword(RedisPassword.of(redis.password()));
        sentinel.setSentinelPassword(RedisPassword.of(redis.sentinelPassword()));
        LettuceClientConfiguration client = LettuceClientConfiguration.builder().useSsl().and()
                .clientOptions(ClientOptions.builder().sslOptions(SslOptions.builder().jdkSslProvider()
                        .trustManager(tls.dataTier().ca().toFile()).build()).build())
                .build();
        factory = new LettuceConnectionFactory(sentinel, client);
        factory.afterPropertiesSet();
        factory.start();
        template = new StringRedisTemplate(factory);
        DataRedisConnectionDetails details = new DataRedisConnectionDetails() {
            @Override
            public Sentinel getSentinel() {
                return new Sentinel() {
                    @Override
                    public int getDatabase() {
                        return 0;
                    }

                    @Override
                    public String getMaster() {
                        return RedisSentinels.MASTER;
                    }

                    @Override
                    public List<Node> getNodes() {
                        return List.of();
                    }

                    @Override
                    public String getUsername() {
                        return null;
                    }

                    @Override
                    public String getPassword() {
                        return null;
                    }
                };
            }
        };
        replication = new RedisReplication(template, details, new RedisReplicationProperties(null, Duration.ofMillis(250), Duration.ofSeconds(5)),
                new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        if (factory != null) {
            factory.destroy();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void writesWaitForTheReplicaAndFollowTheMasterAcrossAFailover() throws Exception {
        assertThat(replication.waitReplicas()).as("one replica by default with Sentinel").isEqualTo(1);
        replication.refresh();
        RedisReplicationInfo info = replication.latest();
        assertThat(info.master()).isTrue();
        assertThat(info.replicas()).hasSize(1);
        template.opsForValue().set("before-failover", "kept");
        assertThat(replication.awaitReplicas()).as("replicas that acknowledged the write").isEqualTo(1);

        int oldMaster = redis.indexOf(redis.masterPort());
        redis.kill(oldMaster);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> redis.indexOf(redis.masterPort()) != oldMaster);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
            template.opsForValue().set("after-failover", "written");
            assertThat(template.opsForValue().get("before-failover")).isEqualTo("kept");
        });
        replication.refresh();
        assertThat(replication.latest().master()).isTrue();
        assertThat(replication.latest().replicas()).as("the old master is down").isEmpty();
        assertThat(replication.awaitReplicas()).as("no replica to wait for: no wait").isEqualTo(-1);

        redis.restart(oldMaster);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(java.io.IOException.class) // the Sentinels close its clients as they reconfigure it
                .until(() -> redis.replicationInfo(oldMaster).contains("master_link_status:up"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            replication.refresh();
            assertThat(replication.latest().onlineReplicas()).isEqualTo(1);
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            template.opsForValue().set("with-the-old-master-back", "x");
            assertThat(replication.awaitReplicas()).as("the old master, now a replica, acknowledges").isEqualTo(1);
        });
        assertThat(redis.replicationInfo(oldMaster)).contains("role:slave");
        assertThat(Map.of("k", template.opsForValue().get("after-failover"))).containsEntry("k", "written");
    }
}

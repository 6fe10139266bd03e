package com.nexusai.server.platform.redis;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nexusai.redis.*}: how sign-in writes are made to survive a failover.
 *
 * @param waitReplicas how many replicas a session's writes wait for ({@code WAIT}) before the answer goes out;
 *        unset: 1 with Sentinel, 0 with a standalone Redis
 * @param waitTimeout the longest the wait lasts (the answer goes out then, and the shortfall is counted)
 * @param refresh how often the replication section of {@code INFO} is read, for the metrics and to know whether a
 *        replica is there to wait for
 */
@ConfigurationProperties("nexusai.redis")
public record RedisReplicationProperties(Integer waitReplicas, @DefaultValue("250ms") Duration waitTimeout, @DefaultValue("5s") Duration refresh) {
}

package com.nexusai.server.replica;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nexusai.database.replica.*}: the optional PostgreSQL streaming replica ({@code DB_REPLICA_HOST},
 * {@code DB_REPLICA_PORT} in env.sh). It is reached with the primary's database, user and password. Backups read
 * from it when it answers; its lag is measured from the primary.
 *
 * @param host empty: no replica
 * @param timeout how long a look at the replica may take (connecting, signing in, one query): a paused replica
 *        is reported as not answering after this
 * @param refresh how often the replica and the primary's replication view are read
 * @param port its port
 */
@ConfigurationProperties("nexusai.database.replica")
public record ReplicaProperties(@DefaultValue("") String host, @DefaultValue("5432") int port, @DefaultValue("3s") Duration timeout,
        @DefaultValue("5s") Duration refresh) {

    public boolean configured() {
        return host != null && !host.isBlank();
    }
}

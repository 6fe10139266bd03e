package com.nexusai.server.platform;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the embedded platform ({@code nexusai.embedded.*}). Every server listens on
 * 127.0.0.1 only; a port of 0 picks any free port.
 *
 * @param enabled whether this server starts its own PostgreSQL, Redis, Kafka and S3 store (the embedded profile turns it on)
 * @param startTimeout how long the whole platform may take to be ready
 * @param postgres the embedded PostgreSQL
 * @param redis the embedded Redis
 * @param kafka the embedded Kafka broker
 * @param s3 the embedded S3 store
 */
@ConfigurationProperties("nexusai.embedded")
public record EmbeddedSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("2m") Duration startTimeout,
        @DefaultValue Postgres postgres,
        @DefaultValue Redis redis,
        @DefaultValue Kafka kafka,
        @DefaultValue S3 s3) {

    /** Loopback only: the embedded servers are never reachable from another machine. */
    public static final String HOST = "127.0.0.1";

    /**
     * @param port its port on 127.0.0.1
     * @param database the database the server uses
     * @param maxConnections PostgreSQL's max_connections
     */
    public record Postgres(@DefaultValue("15432") int port, @DefaultValue("nexusai") String database,
            @DefaultValue("100") int maxConnections) {
    }

    /**
     * @param port its port on 127.0.0.1
     */
    public record Redis(@DefaultValue("16379") int port) {
    }

    /**
     * The broker runs in its own JVM so that a broker fault cannot halt the server.
     *
     * @param port the broker's port on 127.0.0.1
     * @param controllerPort the KRaft controller's port
     * @param maxHeap the broker JVM's -Xmx
     * @param partitions the default partitions of a new topic
     */
    public record Kafka(@DefaultValue("19092") int port, @DefaultValue("19093") int controllerPort,
            @DefaultValue("256MB") DataSize maxHeap, @DefaultValue("1") int partitions) {
    }

    /**
     * @param port its port on 127.0.0.1
     */
    public record S3(@DefaultValue("19000") int port) {
    }

    /** The settings together with where the data goes. */
    public record Resolved(Path dataDir, EmbeddedSettings settings) {
    }
}

package com.nexusai.server.platform;

/**
 * Embedded mode was asked of a distribution without the embedded platform: the production distribution
 * ships without PostgreSQL, Redis, Kafka and the S3 store, and runs against the guide's services only.
 */
public class EmbeddedPlatformMissingException extends RuntimeException {

    public EmbeddedPlatformMissingException() {
        super("This NexusAI server is the production distribution: it has no embedded PostgreSQL, Redis, Kafka or "
                + "S3 store, so it cannot run in embedded mode (the default profile)");
    }
}

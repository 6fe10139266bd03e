package com.nexusai.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code nexusai.data-tier.ca-file}: the PEM file of the authority that signed the data tier's certificates
 * ({@code DATA_TIER_CA_FILE} in env.sh), trusted by every client of PostgreSQL, Redis, Kafka and the object
 * store, and by the client programs of the backups. Empty: the system's trust store.
 *
 * @param caFile the authority's PEM file; empty: the system's trust store
 */
@ConfigurationProperties("nexusai.data-tier")
public record DataTierProperties(String caFile) {

    public boolean hasCaFile() {
        return caFile != null && !caFile.isBlank();
    }
}

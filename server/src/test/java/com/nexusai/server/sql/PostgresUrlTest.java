package com.nexusai.server.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The primary's URL parameters (TLS) follow a connection to the replica or to a scratch database, and reach libpq's programs. */
class PostgresUrlTest {

    @Test
    void theReplicaAndAScratchDatabaseKeepThePrimarysTlsParameters() {
        PostgresUrl primary = PostgresUrl.parse("jdbc:postgresql://db.internal:5433/nexusai?sslmode=verify-full&sslrootcert=/opt/nexusai/config/ca.pem");
        assertThat(primary.address()).isEqualTo("db.internal:5433");
        assertThat(primary.database()).isEqualTo("nexusai");
        assertThat(primary.withAddress("db-replica.internal", 5432).jdbcUrl())
                .isEqualTo("jdbc:postgresql://db-replica.internal:5432/nexusai?sslmode=verify-full&sslrootcert=%2Fopt%2Fnexusai%2Fconfig%2Fca.pem");
        assertThat(PostgresUrl.parse(primary.withDatabase("nexusai_restore_test").jdbcUrl()).parameters())
                .containsEntry("sslrootcert", "/opt/nexusai/config/ca.pem").containsEntry("sslmode", "verify-full");
        assertThat(primary.libpqEnvironment()).containsOnly(java.util.Map.entry("PGSSLMODE", "verify-full"),
                java.util.Map.entry("PGSSLROOTCERT", "/opt/nexusai/config/ca.pem"));
    }

    @Test
    void withoutPortDatabaseOrParameters() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://localhost");
        assertThat(url.port()).isEqualTo(5432);
        assertThat(url.databaseOr("nexusai")).isEqualTo("nexusai");
        assertThat(url.libpqEnvironment()).isEmpty();
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/");
        assertThatThrownBy(() -> PostgresUrl.parse("jdbc:mysql://x/y")).isInstanceOf(IllegalArgumentException.class);
    }
}

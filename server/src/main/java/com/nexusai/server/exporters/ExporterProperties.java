package com.nexusai.server.exporters;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nexusai.exporters.*}: the server can stand in for postgres-exporter, redis-exporter and
 * kafka-exporter, the three extra jobs of the guide's prometheus.yml (§3.2), each on its own port. On by
 * default in embedded mode (application-embedded.yml), off in prod where the real exporters usually run; the
 * usual ports (9187, 9121, 9308) are set in application.yml.
 *
 * @param address where the three listen; 127.0.0.1 by default, 0.0.0.0 for a Prometheus on another host
 * @param postgres the postgres-exporter stand-in
 * @param redis the redis-exporter stand-in
 * @param kafka the kafka-exporter stand-in
 */
@ConfigurationProperties("nexusai.exporters")
public record ExporterProperties(@DefaultValue("127.0.0.1") String address, Exporter postgres, Exporter redis, Exporter kafka) {

    /**
     * @param port 0 takes any free port (tests); a port in use leaves that exporter off with a warning
     * @param enabled whether it listens
     */
    public record Exporter(boolean enabled, int port) {
    }
}

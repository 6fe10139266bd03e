package com.nexusai.server.exporters;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.nexusai.server.events.KafkaLagReader;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The exporter endpoints that are switched on ({@link ExporterProperties}), each an HTTP server of its own
 * ({@code simpleclient_httpserver}: {@code /metrics}, and {@code /} as the real exporters answer) with its
 * own registry. A port already in use leaves that exporter off with a warning; the server runs on.
 */
@Component
public class Exporters implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Exporters.class);

    private final ExporterProperties properties;
    private final Map<String, Supplier<Collector>> collectors = new LinkedHashMap<>();
    private final Map<String, HTTPServer> running = new LinkedHashMap<>();
    private final Map<String, String> failed = new LinkedHashMap<>();
    private boolean started;

    Exporters(ExporterProperties properties, ObjectProvider<JdbcTemplate> jdbc, ObjectProvider<RedisConnectionFactory> redis,
            ObjectProvider<Admin> kafkaAdmin, ObjectProvider<KafkaLagReader> lags) {
        this.properties = properties;
        collectors.put("postgres", () -> new PostgresCollector(jdbc.getObject()));
        collectors.put("redis", () -> new RedisCollector(redis.getObject()));
        collectors.put("kafka", () -> new KafkaCollector(kafkaAdmin.getObject(), lags.getObject()));
    }

    @Override
    public synchronized void start() {
        started = true;
        Map<String, ExporterProperties.Exporter> settings = Map.of("postgres", properties.postgres(),
                "redis", properties.redis(), "kafka", properties.kafka());
        collectors.forEach((name, collector) -> {
            ExporterProperties.Exporter exporter = settings.get(name);
            if (exporter == null || !exporter.enabled()) {
                return;
            }
            CollectorRegistry registry = new CollectorRegistry();
            registry.register(collector.get());
            try {
                HTTPServer server = new HTTPServer.Builder().withInetSocketAddress(new InetSocketAddress(properties.address(), exporter.port()))
                        .withRegistry(registry).withDaemonThreads(true).build();
                running.put(name, server);
                log.info("{} exporter serving http://{}:{}/metrics", name, properties.address(), server.getPort());
            } catch (IOException e) {
                failed.put(name, properties.address() + ":" + exporter.port() + " cannot be listened on (" + e.getMessage() + ")");
                log.warn("{} exporter not started: {}:{} cannot be listened on ({}); set nexusai.exporters.{}.port to a free port",
                        name, properties.address(), exporter.port(), e.getMessage(), name);
            }
        });
    }

    /** The exporters running and the port each listens on. */
    public synchronized Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        running.forEach((name, server) -> ports.put(name, server.getPort()));
        return ports;
    }

    /** The exporters switched on that could not start, and why. */
    public synchronized Map<String, String> failures() {
        return Map.copyOf(failed);
    }

    /** Where each running exporter answers. */
    synchronized Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        running.forEach((name, server) -> urls.put(name, "http://" + properties.address() + ":" + server.getPort() + "/metrics"));
        return urls;
    }

    @Override
    public synchronized void stop() {
        running.values().forEach(HTTPServer::close);
        running.clear();
        failed.clear();
        started = false;
    }

    @Override
    public synchronized boolean isRunning() {
        return started;
    }
}

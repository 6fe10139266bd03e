package com.nexusai.server.exporters;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.nexusai.core.metrics.Sample;
import com.nexusai.server.events.KafkaLagReader;
import com.nexusai.server.events.KafkaReplicationReader;
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

    /** One exporter: its name, its settings and how its collector is made (only when it is switched on). */
    private record Kind(String name, ExporterProperties.Exporter settings, Supplier<Collector> collector) {
    }

    private final ExporterProperties properties;
    private final List<Kind> kinds;
    private final Map<String, HTTPServer> running = new LinkedHashMap<>();
    private final Map<String, CollectorRegistry> registries = new LinkedHashMap<>();
    private final Map<String, String> failed = new LinkedHashMap<>();
    private boolean started;

    Exporters(ExporterProperties properties, ObjectProvider<JdbcTemplate> jdbc, ObjectProvider<RedisConnectionFactory> redis,
            ObjectProvider<Admin> kafkaAdmin, ObjectProvider<KafkaLagReader> lags,
            ObjectProvider<KafkaReplicationReader> replication) {
        this.properties = properties;
        this.kinds = List.of(new Kind("postgres", properties.postgres(), () -> new PostgresCollector(jdbc.getObject())),
                new Kind("redis", properties.redis(), () -> new RedisCollector(redis.getObject())),
                new Kind("kafka", properties.kafka(), () -> new KafkaCollector(kafkaAdmin.getObject(), lags.getObject(), replication.getObject())));
    }

    @Override
    public synchronized void start() {
        started = true;
        for (Kind kind : kinds) {
            if (kind.settings() == null || !kind.settings().enabled()) {
                continue;
            }
            CollectorRegistry registry = new CollectorRegistry();
            registry.register(kind.collector().get());
            InetSocketAddress address = new InetSocketAddress(properties.address(), kind.settings().port());
            try {
                HTTPServer server = new HTTPServer.Builder().withInetSocketAddress(address).withRegistry(registry).withDaemonThreads(true).build();
                running.put(kind.name(), server);
                registries.put(kind.name(), registry);
                log.info("{} exporter serving http://{}:{}/metrics", kind.name(), properties.address(), server.getPort());
            } catch (IOException e) {
                String reason = properties.address() + ":" + kind.settings().port() + " cannot be listened on (" + e.getMessage() + ")";
                failed.put(kind.name(), reason);
                log.warn("{} exporter not started: {}; set nexusai.exporters.{}.port to a free port", kind.name(), reason, kind.name());
            }
        }
    }

    /** The exporters running and the port each listens on. */
    public synchronized Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        running.forEach((name, server) -> ports.put(name, server.getPort()));
        return ports;
    }

    /**
     * What the running exporters would answer a scrape now ({@code pg_up}, {@code redis_up}, {@code kafka_brokers}...),
     * for the server's own alert rules. Each collection queries its server, as a scrape does.
     */
    public List<Sample> samples() {
        List<CollectorRegistry> now;
        synchronized (this) {
            now = List.copyOf(registries.values());
        }
        List<Sample> samples = new ArrayList<>();
        for (CollectorRegistry registry : now) {
            for (Collector.MetricFamilySamples family : Collections.list(registry.metricFamilySamples())) {
                for (Collector.MetricFamilySamples.Sample sample : family.samples) {
                    Map<String, String> labels = new LinkedHashMap<>();
                    for (int i = 0; i < sample.labelNames.size(); i++) {
                        labels.put(sample.labelNames.get(i), sample.labelValues.get(i));
                    }
                    samples.add(new Sample(sample.name, labels, sample.value));
                }
            }
        }
        return samples;
    }

    /** The exporters switched on that could not start, and why. */
    public synchronized Map<String, String> failures() {
        return Map.copyOf(failed);
    }

    /** Where each running exporter answers. */
    synchronized Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        ports().forEach((name, port) -> urls.put(name, "http://" + properties.address() + ":" + port + "/metrics"));
        return urls;
    }

    @Override
    public synchronized void stop() {
        running.values().forEach(HTTPServer::close);
        running.clear();
        registries.clear();
        failed.clear();
        started = false;
    }

    @Override
    public synchronized boolean isRunning() {
        return started;
    }
}

package com.nexusai.server.web;

import java.lang.management.ManagementFactory;
import java.util.Locale;

import com.nexusai.server.platform.EmbeddedPlatform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The last start-up line: where the server answers, in which mode, and how long it took. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final Environment environment;
    private final ObjectProvider<EmbeddedPlatform> embedded;
    private volatile int port = -1;

    StartupReport(Environment environment, ObjectProvider<EmbeddedPlatform> embedded) {
        this.environment = environment;
        this.embedded = embedded;
    }

    @EventListener
    void webServerStarted(WebServerInitializedEvent event) {
        port = event.getWebServer().getPort();
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        boolean tls = environment.getProperty("server.ssl.enabled", Boolean.class, false);
        String address = environment.getProperty("server.address", "localhost");
        String host = address.equals("0.0.0.0") || address.equals("::") ? "localhost" : address;
        EmbeddedPlatform platform = embedded.getIfAvailable();
        String mode = platform == null ? "external services" : "embedded, data in " + platform.dataDirectory().root();
        log.info("NexusAI server ready at {}://{}:{} ({}) in {} s", tls ? "https" : "http", host, port, mode,
                String.format(Locale.ROOT, "%.2f", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0));
    }
}

package com.nexusai.server.web;

import java.lang.management.ManagementFactory;
import java.util.List;
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

    private static final int PROFILE_STEPS = 20;

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

    @EventListener
    void ready(ApplicationReadyEvent event) {
        boolean tls = environment.getProperty("server.ssl.enabled", Boolean.class, false);
        String address = environment.getProperty("server.address", "localhost");
        String host = address.equals("0.0.0.0") || address.equals("::") ? "localhost" : address;
        EmbeddedPlatform platform = embedded.getIfAvailable();
        String mode = platform == null ? "external services" : "embedded, data in " + platform.dataDirectory().root();
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        log.info("NexusAI server ready at {}://{}:{} ({}) in {} s, heap up to {} MiB, {}", tls ? "https" : "http", host, port, mode,
                String.format(Locale.ROOT, "%.2f", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0),
                Runtime.getRuntime().maxMemory() >> 20, aotCache(jvmArguments));
        if (!heapBounded(jvmArguments)) {
            log.warn("The heap is bounded only by this machine's memory (a quarter of it, {} MiB): start the server with -Xmx, "
                    + "as installers/run.sh, the console and bin/nexusai-server do (-Xmx512m) and the systemd unit (-Xmx8g)",
                    Runtime.getRuntime().maxMemory() >> 20);
        }
        List<StartupProfile.Step> slowest = StartupProfile.slowest(event.getApplicationContext().getApplicationStartup(), PROFILE_STEPS);
        if (!slowest.isEmpty()) {
            log.info("Start-up profile ({}): the {} slowest steps by their own time (without the steps inside them)",
                    StartupProfile.FLAG, slowest.size());
            slowest.forEach(step -> log.info("  {} ms own, {} ms in all: {} {}", step.self().toMillis(), step.total().toMillis(),
                    step.name(), step.about()));
        }
    }

    /** How this start used a JDK AOT cache (bin/nexusai-java gives one, or trains it). */
    static String aotCache(List<String> jvmArguments) {
        for (String argument : jvmArguments) {
            if (argument.startsWith("-XX:AOTCacheOutput=")) {
                return "training the AOT cache " + argument.substring("-XX:AOTCacheOutput=".length()) + " (written when the server stops)";
            }
            if (argument.startsWith("-XX:AOTCache=")) {
                return "AOT cache " + argument.substring("-XX:AOTCache=".length());
            }
        }
        return "no AOT cache";
    }

    /** Whether the JVM was given its heap's limit, as an absolute size or a share of the memory. */
    static boolean heapBounded(List<String> jvmArguments) {
        return jvmArguments.stream().anyMatch(argument -> argument.startsWith("-Xmx") || argument.startsWith("-XX:MaxHeapSize=")
                || argument.startsWith("-XX:MaxRAMPercentage=") || argument.startsWith("-XX:MaxRAM="));
    }
}

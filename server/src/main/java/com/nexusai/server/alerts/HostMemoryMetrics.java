package com.nexusai.server.alerts;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code nexusai_host_memory_total_bytes} and {@code nexusai_host_memory_available_bytes}: the host's
 * memory, for the guide's "memory usage > 85%" (§3.1). Available is Linux's MemAvailable (free plus
 * what the page cache would give back), elsewhere the free memory.
 */
@Component
class HostMemoryMetrics {

    private static final Path MEMINFO = Path.of("/proc/meminfo");

    HostMemoryMetrics(MeterRegistry registry) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Gauge.builder("nexusai.host.memory.total", os, com.sun.management.OperatingSystemMXBean::getTotalMemorySize).baseUnit("bytes")
                .description("Memory of the host").register(registry);
        Gauge.builder("nexusai.host.memory.available", os, HostMemoryMetrics::available).baseUnit("bytes")
                .description("Memory the host can still give (Linux MemAvailable)").register(registry);
    }

    private static double available(com.sun.management.OperatingSystemMXBean os) {
        if (Files.isReadable(MEMINFO)) {
            try {
                for (String line : Files.readAllLines(MEMINFO)) {
                    if (line.startsWith("MemAvailable:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // fall back to the free memory
            }
        }
        return os.getFreeMemorySize();
    }
}

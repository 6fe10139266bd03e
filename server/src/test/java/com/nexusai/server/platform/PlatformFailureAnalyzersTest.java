package com.nexusai.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

class PlatformFailureAnalyzersTest {

    @Test
    void aTakenPortIsReportedWithItsNumberAndTheSettingToChange() {
        PortsInUseException ports = new PortsInUseException(List.of(new PortsInUseException.Conflict("Kafka", "127.0.0.1",
                19092, "nexusai.embedded.kafka.port", "Address already in use")));
        FailureAnalysis analysis = new PlatformFailureAnalyzers.PortsInUse().analyze(new RuntimeException("wrapped", ports));
        assertThat(analysis.getDescription()).contains("Kafka: port 19092 on 127.0.0.1 is already in use");
        assertThat(analysis.getAction()).contains("port 19092", "nexusai.embedded.kafka.port");
    }

    @Test
    void aDataDirectoryInUseNamesTheOwner() {
        FailureAnalysis analysis = new PlatformFailureAnalyzers.DataDirectoryInUse()
                .analyze(new DataDirectoryInUseException(java.nio.file.Path.of("/srv/data"), "4242"));
        assertThat(analysis.getDescription()).contains("/srv/data", "4242");
        assertThat(analysis.getAction()).contains("--nexusai.data-dir");
    }
}

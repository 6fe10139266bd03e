package com.nexusai.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

    @Test
    void aClassPathWithDirectoriesGetsNoAotCacheTheJdkCouldNotUse(@TempDir Path tmp) {
        assertThat(System.getProperty("java.class.path")).contains("target/classes");
        assertThat(ChildJvm.aotCache(tmp, "kafka-broker")).isEmpty();
    }

    @Test
    void onlyAnOutputOptionTrains() {
        assertThat(ChildJvm.trains(List.of("-Xmx256m", "-XX:AOTCacheOutput=/d/kafka-broker-1.aot"))).isTrue();
        assertThat(ChildJvm.trains(List.of("-Xmx256m", "-XX:AOTCache=/d/kafka-broker-1.aot"))).isFalse();
    }
}

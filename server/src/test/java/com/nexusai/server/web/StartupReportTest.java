package com.nexusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StartupReportTest {

    @Test
    void aHeapLimitGivenAsASizeOrAShareOfMemoryCounts() {
        assertThat(StartupReport.heapBounded(List.of("-Xms64m", "-Xmx512m"))).isTrue();
        assertThat(StartupReport.heapBounded(List.of("-XX:MaxRAMPercentage=50"))).isTrue();
        assertThat(StartupReport.heapBounded(List.of("-XX:MaxHeapSize=1g"))).isTrue();
    }

    @Test
    void aStartingSizeAloneLeavesTheHeapUnbounded() {
        assertThat(StartupReport.heapBounded(List.of("-Xms4g", "-XX:+UseG1GC"))).isFalse();
        assertThat(StartupReport.heapBounded(List.of())).isFalse();
    }

    @Test
    void saysWhetherTheStartLoadedOrTrainsAnAotCache() {
        assertThat(StartupReport.aotCache(List.of("-Xmx512m", "-XX:AOTCache=/c/nexusai-server.aot"))).isEqualTo("AOT cache /c/nexusai-server.aot");
        assertThat(StartupReport.aotCache(List.of("-XX:AOTCacheOutput=/c/nexusai-server.aot"))).isEqualTo("training the AOT cache /c/nexusai-server.aot (written when the server stops)");
        assertThat(StartupReport.aotCache(List.of("-Xmx512m"))).isEqualTo("no AOT cache");
    }
}

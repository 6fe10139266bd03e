package com.nexusai.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ExpositionTest {

    @Test
    void readsSamplesWithLabelsAndSpecialValuesAndSkipsComments() {
        List<Sample> samples = Exposition.parse("""
                # HELP jvm_memory_used_bytes The amount of used memory
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 1.2345E7
                http_server_requests_seconds_bucket{method="GET",uri="/a \\"b\\"",le="+Inf"} 42.0
                process_uptime_seconds 12.5 1700000000000
                jvm_gc_pause_seconds_max{action="end of minor GC"} NaN
                """);
        assertThat(samples).hasSize(4);
        assertThat(samples.get(0)).isEqualTo(new Sample("jvm_memory_used_bytes", Map.of("area", "heap", "id", "G1 Old Gen"), 1.2345E7));
        assertThat(samples.get(1).label("uri")).isEqualTo("/a \"b\"");
        assertThat(samples.get(1).label("le")).isEqualTo("+Inf");
        assertThat(samples.get(2).value()).isEqualTo(12.5);
        assertThat(samples.get(3).value()).isNaN();
    }

    @Test
    void aBrokenLineSaysWhichOne() {
        assertThatThrownBy(() -> Exposition.parse("ok 1\nbroken{a=b} 2\n")).hasMessageContaining("line 2");
    }

    @Test
    void onlyTheWantedFamiliesAreReadAndTheOthersNotEvenParsed() {
        List<Sample> samples = Exposition.parse("""
                jvm_threads_live_threads 42
                tomcat_sessions_active_current_sessions{ unreadable
                hikaricp_connections_active{pool="HikariPool-1"} 3
                process_uptime_seconds 12.5
                """, name -> name.startsWith("jvm_") || name.startsWith("hikaricp_"));
        assertThat(samples).containsExactly(new Sample("jvm_threads_live_threads", Map.of(), 42),
                new Sample("hikaricp_connections_active", Map.of("pool", "HikariPool-1"), 3));
    }
}

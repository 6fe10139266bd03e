package com.nexusai.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aTakenPortIsRejectedWithItsNumberComponentAndSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Ports.reserve("127.0.0.1", List.of(
                    new Ports.Request("PostgreSQL", 0, "nexusai.embedded.postgres.port"),
                    new Ports.Request("Redis", port, "nexusai.embedded.redis.port"))))
                    .isInstanceOfSatisfying(PortsInUseException.class, e -> {
                        assertThat(e.conflicts()).singleElement().satisfies(c -> {
                            assertThat(c.component()).isEqualTo("Redis");
                            assertThat(c.port()).isEqualTo(port);
                            assertThat(c.property()).isEqualTo("nexusai.embedded.redis.port");
                        });
                        assertThat(e.getMessage()).contains("Redis", "127.0.0.1:" + port, "nexusai.embedded.redis.port");
                    });
        }
    }

    @Test
    void zeroPicksDistinctFreePorts() throws Exception {
        List<Integer> ports = Ports.reserve("127.0.0.1", List.of(
                new Ports.Request("a", 0, "a.port"), new Ports.Request("b", 0, "b.port"),
                new Ports.Request("c", 0, "c.port")));
        assertThat(ports).hasSize(3).doesNotHaveDuplicates().allSatisfy(p -> assertThat(p).isPositive());
        for (int port : ports) {
            try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                assertThat(free.getLocalPort()).isEqualTo(port);
            }
        }
    }
}

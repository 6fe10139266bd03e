package com.nexusai.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Which address is the client, from the connection's peer and the X-Forwarded-For chain. */
class TrustedProxyFilterTest {

    private final TrustedProxyFilter filter = new TrustedProxyFilter(
            new WebProperties(DataSize.ofKilobytes(64), List.of("127.0.0.0/8", "::1/128", "10.0.0.0/8")));

    @Test
    void theClientIsTheRightMostAddressThatIsNotATrustedProxy() {
        assertThat(filter.client("10.0.0.5", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        // a client that sends its own header, naming a trusted address, gains nothing: HAProxy appended the real one
        assertThat(filter.client("10.0.0.5", List.of("10.1.2.3, 203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(filter.client("10.0.0.5", List.of("198.51.100.1", "10.0.0.6"))).as("two proxies, two headers").isEqualTo("198.51.100.1");
        assertThat(filter.client("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
    }

    @Test
    void aGarbledHopStopsTheWalkAtTheLastAddressVouchedFor() {
        assertThat(filter.client("10.0.0.5", List.of("unknown, <script>, 10.0.0.7"))).isEqualTo("10.0.0.7");
        assertThat(filter.client("10.0.0.5", List.of("x".repeat(100)))).isEqualTo("10.0.0.5");
    }
}

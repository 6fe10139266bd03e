package com.nexusai.server.events;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/admin/kafka/lag} (ADMIN): every consumer group's lag per partition, worst first. */
@RestController
class KafkaLagController {

    private final KafkaLagMetrics lag;

    KafkaLagController(KafkaLagMetrics lag) {
        this.lag = lag;
    }

    @GetMapping("/api/admin/kafka/lag")
    List<KafkaLagMetrics.Observed> lag() {
        return lag.latest();
    }
}

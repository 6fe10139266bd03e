package com.nexusai.server.events;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/admin/kafka/lag} (ADMIN): every consumer group's lag per partition, worst first. */
@Tag(name = "Events")
@RestController
class KafkaLagController {

    private final KafkaLagMetrics lag;

    KafkaLagController(KafkaLagMetrics lag) {
        this.lag = lag;
    }

    @Operation(summary = "Reads the consumer groups' lag per partition")
    @GetMapping("/api/admin/kafka/lag")
    List<KafkaLagMetrics.Observed> lag() {
        return lag.latest();
    }
}

package com.nexusai.server.alerts;

import java.util.List;

import com.nexusai.core.alerts.AlertEngine;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/alerts}: this instance's pending and firing alerts (support staff). */
@RestController
class AlertController {

    private final AlertMonitor monitor;

    AlertController(AlertMonitor monitor) {
        this.monitor = monitor;
    }

    @GetMapping("/api/alerts")
    List<AlertEngine.Alert> active() {
        return monitor.active();
    }
}

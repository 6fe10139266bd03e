package com.nexusai.core.alerts;

import java.io.IOException;
import java.util.List;

import com.nexusai.core.api.NexusClient;

/**
 * The alerts a server raises itself: its own engine evaluates the shipped rules over its metrics, so a user whose
 * role may not read the metrics (SUPPORT) still sees what fires.
 */
public interface AlertsApi {

    /** The instance's pending and firing alerts (every role). */
    List<AlertEngine.Alert> active() throws IOException, InterruptedException;

    static AlertsApi over(NexusClient client) {
        return new HttpAlertsApi(client);
    }
}

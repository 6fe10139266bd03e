package com.nexusai.core.alerts;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import com.nexusai.core.api.NexusClient;

/**
 * The alerts a server raises itself: its own engine evaluates the shipped rules over its metrics, so a user whose
 * role may not read the metrics (SUPPORT) still sees what fires.
 */
public interface AlertsApi {

    /** The fleet's pending and firing alerts (support staff and above). */
    List<AlertEngine.Alert> active() throws IOException, InterruptedException;

    /** The same, with their ids, acknowledgements and silences. */
    List<FleetAlert> fleet() throws IOException, InterruptedException;

    /** The changes of state between {@code since} and {@code until}, newest first; {@code rule} and {@code instance} narrow them when not null. */
    List<AlertTransition> history(Instant since, Instant until, String rule, String instance) throws IOException, InterruptedException;

    /** Takes the alert {@code id}, saying what is being done about it. */
    FleetAlert acknowledge(String id, String comment) throws IOException, InterruptedException;

    /** The silences on now, shared by every console. */
    List<SharedSilence> silences() throws IOException, InterruptedException;

    /** Silences {@code rule} on {@code instance} (null: every instance) until {@code until}, for {@code reason}. */
    SharedSilence silence(String rule, String instance, Instant until, String reason) throws IOException, InterruptedException;

    void lift(String silenceId) throws IOException, InterruptedException;

    static AlertsApi over(NexusClient client) {
        return new HttpAlertsApi(client);
    }
}

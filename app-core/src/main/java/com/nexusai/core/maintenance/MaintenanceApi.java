package com.nexusai.core.maintenance;

import java.io.IOException;
import java.util.List;

import com.nexusai.core.api.NexusClient;

/** The server's maintenance calendar (ADMIN). */
public interface MaintenanceApi {

    List<MaintenanceJob> jobs() throws IOException, InterruptedException;

    /** The newest {@code limit} runs, newest first. */
    List<MaintenanceRun> runs(int limit) throws IOException, InterruptedException;

    /** Runs {@code job} now, on this instance. */
    void run(String job) throws IOException, InterruptedException;

    /** A manual step done. */
    void markDone(String runId) throws IOException, InterruptedException;

    static MaintenanceApi over(NexusClient client) {
        return new HttpMaintenanceApi(client);
    }
}

package com.nexusai.core.incidents;

import java.io.IOException;
import java.util.List;

import com.nexusai.core.api.NexusClient;

/** The server's incidents and their escalation workflow (guide §6.3); the server decides who may do what. */
public interface IncidentsApi {

    /** The newest incidents in {@code status}, or of every status when null. */
    List<Incident> list(Incident.Status status) throws IOException, InterruptedException;

    IncidentDetails details(String id) throws IOException, InterruptedException;

    Incident open(NewIncident incident) throws IOException, InterruptedException;

    void acknowledge(String id) throws IOException, InterruptedException;

    void note(String id, String text) throws IOException, InterruptedException;

    /** @param why may be empty */
    void escalate(String id, String why) throws IOException, InterruptedException;

    void resolve(String id, String how) throws IOException, InterruptedException;

    void takeSnapshot(String id) throws IOException, InterruptedException;

    void check(String id, int level, int index) throws IOException, InterruptedException;

    /** A diagnostics snapshot, as indented JSON text. */
    default String snapshot(String id, String snapshotId) throws IOException, InterruptedException {
        return snapshot(id, snapshotId, true);
    }

    /** The same, without its thread dump when {@code withThreadDump} is false (too long for a prompt). */
    String snapshot(String id, String snapshotId, boolean withThreadDump) throws IOException, InterruptedException;

    static IncidentsApi over(NexusClient client) {
        return new HttpIncidentsApi(client);
    }
}

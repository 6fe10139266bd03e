package com.nexusai.core.backups;

import java.io.IOException;
import java.util.List;

import com.nexusai.core.api.NexusClient;

/** The server's backups (ADMIN): the recent runs, and a run started now. */
public interface BackupsApi {

    /** The newest {@code limit} runs, newest first. */
    List<Backup> recent(int limit) throws IOException, InterruptedException;

    /** Starts a backup of {@code kind} ({@code all}, {@code postgres}, {@code redis}, {@code files}); the runs it started. */
    List<Backup> start(String kind) throws IOException, InterruptedException;

    /** Checks that the run's dump restores (into a scratch database); the outcome comes later as its {@code verification}. */
    void verify(String id) throws IOException, InterruptedException;

    /** Restores the run over the live data; {@code confirm} is the run's id typed by the user, checked again by the server. */
    void restore(String id, String confirm) throws IOException, InterruptedException;

    static BackupsApi over(NexusClient client) {
        return new HttpBackupsApi(client);
    }
}

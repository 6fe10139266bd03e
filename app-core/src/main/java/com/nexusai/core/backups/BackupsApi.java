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

    /** Starts a restore test of the run (into a scratch database, every table's rows compared); the job, to {@link #follow}. */
    BackupJob verify(String id) throws IOException, InterruptedException;

    /** Starts restoring the run over the live data; {@code confirm} is the run's id typed by the user, checked again by the server. */
    BackupJob restore(String id, String confirm) throws IOException, InterruptedException;

    /**
     * Follows {@code job} until it ends, giving {@code progress} each report (about twice a second); returns it as it
     * ended, or as it last was when the server stopped reporting. Blocking.
     */
    BackupJob follow(BackupJob job, java.util.function.Consumer<BackupJob> progress) throws IOException, InterruptedException;

    static BackupsApi over(NexusClient client) {
        return new HttpBackupsApi(client);
    }
}

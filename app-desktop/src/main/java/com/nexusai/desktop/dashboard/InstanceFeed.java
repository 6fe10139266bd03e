package com.nexusai.desktop.dashboard;

import com.nexusai.core.alerts.AlertsApi;
import com.nexusai.core.backups.BackupsApi;
import com.nexusai.core.incidents.IncidentsApi;

/**
 * One instance as the dashboard sees it: its latest {@link Monitor.State}, a signal when that changed (from any
 * thread), and the calls its panels make to it. {@link Monitor} in the console; a hand-fed fake in view-model tests.
 */
public interface InstanceFeed {

    /** host:port. */
    String instance();

    Monitor.State state();

    /** {@code listener} runs (on the polling thread) after each scrape, success or failure. */
    void onChange(Runnable listener);

    /** The charts' reach: the history over it is read at the next scrape. */
    void range(ChartRange range);

    /** Reads the backup list at the next scrape (one was just started). */
    void refreshBackups();

    BackupsApi backups();

    IncidentsApi incidents();

    /** The fleet's alerts and the silences every console shares. */
    AlertsApi alerts();
}

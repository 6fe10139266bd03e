package com.nexusai.server.maintenance;

import java.time.Duration;

/** One task of the guide's maintenance calendar (§7.2). */
public interface MaintenanceJob {

    /** What a run ended with: {@code succeeded}, or {@code to-do} for a task a person must do and mark done. */
    record Outcome(String status, String summary) {

        static Outcome succeeded(String summary) {
            return new Outcome("succeeded", summary);
        }

        static Outcome toDo(String summary) {
            return new Outcome("to-do", summary);
        }
    }

    /** The job's id in settings, the API and the lock table. */
    String name();

    String description();

    /** The default cron (Spring's six fields: second minute hour day-of-month month day-of-week). */
    String defaultCron();

    /** How long the guide's window lasts from each start (alerts may be silenced during it); zero for none. */
    Duration window();

    /**
     * The alert rules its window silences while it runs: what the job itself is expected to trip (a dump's load, a restart);
     * none by default.
     */
    default java.util.Set<String> silences() {
        return java.util.Set.of();
    }

    /** The longest a run may hold the lock: a node that dies mid-run frees it after this. */
    default Duration maxDuration() {
        return Duration.ofHours(1);
    }

    Outcome run(String actor) throws Exception;
}

package com.nexusai.core.api;

import java.util.List;

/**
 * What the console's commands need, as the server's security rules grant it (server
 * {@code auth.SecurityConfiguration}; {@code PermissionsIT} checks that both agree). The console uses it only to
 * disable what the signed-in role would be refused: the server decides.
 */
public enum Permission {
    /** Open, acknowledge and note incidents (§6.3: every support level). */
    HANDLE_INCIDENTS("SUPPORT", "DEVOPS", "DEVELOPER", "ADMIN"),
    /** Escalate and resolve (§6.3: DevOps and above). */
    ESCALATE_INCIDENTS("DEVOPS", "DEVELOPER", "ADMIN"),
    /** Read the metrics every dashboard panel draws. */
    READ_METRICS("DEVOPS", "ADMIN"),
    /** Take a thread dump or a diagnostic snapshot. */
    TAKE_THREAD_DUMPS("DEVOPS", "DEVELOPER", "ADMIN"),
    /** Change a logger's level. */
    SET_LOG_LEVELS("DEVELOPER", "ADMIN"),
    /** Download a heap dump (it holds every secret of the process). */
    DOWNLOAD_HEAP_DUMPS("ADMIN"),
    /** Run a maintenance job now, or mark a manual one done. */
    RUN_MAINTENANCE("DEVOPS", "ADMIN"),
    /** Run a backup, restore one, or test a restore. */
    MANAGE_BACKUPS("ADMIN"),
    /** Run the preflight checks. */
    RUN_PREFLIGHT("ADMIN");

    private final List<String> roles;

    Permission(String... roles) {
        this.roles = List.of(roles);
    }

    /** The roles granted this, in the order the guide lists them. */
    public List<String> roles() {
        return roles;
    }
}

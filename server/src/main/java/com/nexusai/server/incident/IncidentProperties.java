package com.nexusai.server.incident;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nexusai.incidents.*}.
 *
 * @param escalateLevel1After an incident at level 1 nobody acknowledged goes to level 2 after this
 * @param escalateLevel2After and from level 2 to level 3 after this
 * @param zone the time zone of the contacts' hours (the guide's are Paris times)
 * @param snapshotLogLines how many ERROR/WARN log lines a diagnostics snapshot keeps
 * @param notifyRetryAfter a notification that failed is tried again after this, doubled at each attempt (at most 15 min)
 * @param notifyAttempts and given up after this many attempts
 * @param notifyFrom the sender of the notification emails ({@code SMTP_FROM})
 */
@ConfigurationProperties("nexusai.incidents")
public record IncidentProperties(
        @DefaultValue("15m") Duration escalateLevel1After,
        @DefaultValue("30m") Duration escalateLevel2After,
        @DefaultValue("Europe/Paris") ZoneId zone,
        @DefaultValue("200") int snapshotLogLines,
        @DefaultValue("30s") Duration notifyRetryAfter,
        @DefaultValue("6") int notifyAttempts,
        @DefaultValue("nexusai@localhost") String notifyFrom) {

    Duration escalateAfter(int level) {
        return level == 1 ? escalateLevel1After : escalateLevel2After;
    }
}

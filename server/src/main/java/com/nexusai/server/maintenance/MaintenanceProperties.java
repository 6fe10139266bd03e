package com.nexusai.server.maintenance;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nexusai.maintenance.*}.
 *
 * @param zone the time zone of the cron settings (the guide's times are local)
 * @param cron a cron per job name to replace its default; {@code "-"} switches the job's schedule off
 * @param lockAtLeast the shortest time a run holds its lock, so that an instance whose clock is a little
 *        behind does not run the same occurrence again
 */
@ConfigurationProperties("nexusai.maintenance")
public record MaintenanceProperties(
        @DefaultValue("Europe/Paris") ZoneId zone,
        @DefaultValue Map<String, String> cron,
        @DefaultValue("30s") Duration lockAtLeast) {
}

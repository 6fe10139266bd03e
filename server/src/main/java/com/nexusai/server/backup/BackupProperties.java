package com.nexusai.server.backup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nexusai.backup.*}: where backups go, how long they are kept, and the client tools used.
 *
 * @param bucket the object-store bucket (the guide's {@code nexusai-backups})
 * @param retention how long backups are kept; the newest good one of each kind is kept regardless
 * @param pgDump {@code pg_dump}, its major version at least the server's
 * @param pgDumpCompression the dump's compression level, 0 (none) to 9; -1 leaves pg_dump's default (6).
 *        The custom format is compressed by pg_dump, once: there is no second gzip. The default, 1, is
 *        the fast level: BENCHMARKS.md has the time and size against level 6
 * @param pgRestore {@code pg_restore}, same version rule
 * @param redisCli {@code redis-cli}, to fetch a snapshot over the Redis protocol ({@code --rdb})
 * @param bgsaveTimeout how long a Redis {@code BGSAVE} may take before the backup gives up
 */
@ConfigurationProperties("nexusai.backup")
public record BackupProperties(
        @DefaultValue("nexusai-backups") String bucket,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("pg_dump") String pgDump,
        @DefaultValue("1") int pgDumpCompression,
        @DefaultValue("pg_restore") String pgRestore,
        @DefaultValue("redis-cli") String redisCli,
        @DefaultValue("5m") Duration bgsaveTimeout) {
}

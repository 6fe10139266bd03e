package com.nexusai.server.diagnostics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code nexusai.diagnostics.*}: how much disk a heap dump must leave free where it is written (the dump
 * is about as large as the heap in use; a full disk stops PostgreSQL and the logs with it).
 *
 * @param heapDumpDiskMargin the free space a heap dump must leave; a dump that would leave less is refused
 */
@ConfigurationProperties("nexusai.diagnostics")
public record DiagnosticsProperties(@DefaultValue("1GB") DataSize heapDumpDiskMargin) {
}

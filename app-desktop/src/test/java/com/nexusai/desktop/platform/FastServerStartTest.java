package com.nexusai.desktop.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local server's jar extracted once per jar and Java, trained once, then started with its AOT cache. */
class FastServerStartTest {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path tmp;

    @Test
    void theFirstStartExtractsAndTrainsTheNextLoadsTheCacheAndANewJarStartsOver() throws Exception {
        Path jar = Files.copy(LocalServer.findJar(), tmp.resolve("nexusai-server.jar"));
        Path cache = tmp.resolve("cache");

        List<String> first = FastServerStart.arguments(JAVA, jar, cache);
        Path extracted = FastServerStart.extraction(jar, cache);
        assertThat(first).containsExactly("-XX:AOTCacheOutput=" + extracted.resolve("nexusai-server.aot"), "-jar",
                extracted.resolve("nexusai-server.jar").toString());
        assertThat(extracted.resolve("nexusai-server.jar")).isRegularFile();
        try (var libraries = Files.list(extracted.resolve("lib"))) {
            assertThat(libraries.filter(library -> library.getFileName().toString().startsWith("spring-boot-"))).isNotEmpty();
        }

        Files.writeString(extracted.resolve("nexusai-server.aot"), "the cache a stopped training run wrote");
        assertThat(FastServerStart.arguments(JAVA, jar, cache).getFirst()).isEqualTo("-XX:AOTCache=" + extracted.resolve("nexusai-server.aot"));

        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60))); // a new build of the jar
        List<String> rebuilt = FastServerStart.arguments(JAVA, jar, cache);
        assertThat(rebuilt.getFirst()).startsWith("-XX:AOTCacheOutput=");
        assertThat(extracted).as("the old jar's extraction and cache").doesNotExist();
        try (var entries = Files.list(cache)) {
            assertThat(entries).hasSize(1);
        }
    }
}

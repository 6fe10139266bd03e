package com.nexusai.server.platform;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


/**
 * Builds the command that runs this same server code in a new JVM, whether we were started from
 * the packaged jar ({@code java -jar nexusai-server.jar}) or from a class path (tests, IDE).
 */
public final class ChildJvm {

    /** The server's main class, by name: the platform does not depend on the application that starts it. */
    static final String MAIN_CLASS = "com.nexusai.server.NexusAiServer";

    private ChildJvm() {
    }

    public static List<String> command(List<String> jvmOptions, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        String classPath = System.getProperty("java.class.path");
        if (launchedFromBootJar()) {
            command.add("-jar");
            command.add(Path.of(classPath).toAbsolutePath().toString());
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add(MAIN_CLASS);
        }
        command.addAll(List.of(arguments));
        return command;
    }

    /**
     * A JDK 25 AOT cache for a child JVM named {@code name}, kept in {@code directory}: loaded when an earlier run of the
     * same class path on the same Java trained it, else trained by this run (the JVM writes it as it exits). Nothing when
     * the class path is not plain jars (a Boot jar's nested libraries, or the tests' class directories): the JDK caches
     * only what its own loaders read from jars.
     */
    public static List<String> aotCache(Path directory, String name) {
        String classPath = System.getProperty("java.class.path");
        if (launchedFromBootJar() || classPath.isBlank()) {
            return List.of();
        }
        long stamp = Runtime.version().toString().hashCode();
        for (String entry : classPath.split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!entry.endsWith(".jar") || !Files.isRegularFile(path)) {
                return List.of();
            }
            try {
                stamp = 31 * (31 * stamp + entry.hashCode()) + Files.size(path) * 31 + Files.getLastModifiedTime(path).toMillis();
            } catch (IOException unreadable) {
                return List.of();
            }
        }
        Path cache = directory.resolve(name + "-" + Long.toHexString(stamp) + ".aot");
        try (var earlier = Files.list(directory)) {
            for (Path old : earlier.filter(p -> p.getFileName().toString().startsWith(name + "-") && !p.equals(cache)).toList()) {
                Files.deleteIfExists(old); // another class path's or Java's: never valid again
            }
            return List.of(Files.isRegularFile(cache) && Files.size(cache) > 0
                    ? "-XX:AOTCache=" + cache : "-XX:AOTCacheOutput=" + cache);
        } catch (IOException unreadable) {
            return List.of();
        }
    }

    /** Whether {@code jvmOptions} train an AOT cache: the JVM then writes it as it exits, which takes a while. */
    public static boolean trains(List<String> jvmOptions) {
        return jvmOptions.stream().anyMatch(option -> option.startsWith("-XX:AOTCacheOutput="));
    }

    private static boolean launchedFromBootJar() {
        return ChildJvm.class.getClassLoader().getClass().getName().startsWith("org.springframework.boot.loader");
    }
}

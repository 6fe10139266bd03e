package com.nexusai.desktop.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The server jar started the fast way, as the server distribution's {@code bin/nexusai-java} does: extracted once
 * into plain jars ({@code java -Djarmode=tools extract}), with a JDK 25 AOT cache that the first run of that jar on
 * that Java trains (the JVM writes it when the server stops) and every later start loads. Both live in
 * {@code <cache>/server-<jar size>-<jar time>-<Java version>}: a new jar or a new Java starts over.
 */
final class FastServerStart {

    private FastServerStart() {
    }

    /** The JVM arguments that run {@code jar} from its extraction under {@code cache}, extracting it first if needed. */
    static List<String> arguments(Path java, Path jar, Path cache) throws IOException, InterruptedException {
        Path extracted = extraction(jar, cache);
        Path application = extracted.resolve(jar.getFileName()); // the extraction keeps the jar's name
        if (!Files.isRegularFile(application)) {
            extract(java, jar, cache, extracted);
        }
        Path aot = extracted.resolve(jar.getFileName().toString().replaceFirst("\\.jar$", "") + ".aot");
        String option = Files.isRegularFile(aot) && Files.size(aot) > 0 ? "-XX:AOTCache=" + aot : "-XX:AOTCacheOutput=" + aot;
        return List.of(option, "-jar", application.toString());
    }

    static Path extraction(Path jar, Path cache) throws IOException {
        return cache.resolve("server-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis() / 1000 + "-" + Runtime.version());
    }

    private static void extract(Path java, Path jar, Path cache, Path extracted) throws IOException, InterruptedException {
        Files.createDirectories(cache);
        try (Stream<Path> earlier = Files.list(cache)) {
            for (Path old : earlier.filter(path -> path.getFileName().toString().startsWith("server-") && !path.equals(extracted)).toList()) {
                deleteTree(old);
            }
        }
        Path partial = cache.resolve(extracted.getFileName() + "." + ProcessHandle.current().pid());
        Process tools = new ProcessBuilder(java.toString(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", partial.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!tools.waitFor(2, TimeUnit.MINUTES) || tools.exitValue() != 0) {
            tools.destroyForcibly();
            deleteTree(partial);
            throw new IOException("the server jar " + jar + " could not be extracted into " + cache);
        }
        try {
            Files.move(partial, extracted, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException extractedMeanwhile) {
            deleteTree(partial);
            if (!Files.isRegularFile(extracted.resolve(jar.getFileName()))) {
                throw extractedMeanwhile;
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

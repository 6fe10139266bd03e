package com.nexusai.server.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a client program (pg_dump, redis-cli, ...) prints for {@code --version}, and the major version in it. */
public final class ProgramVersion {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

    private ProgramVersion() {
    }

    /**
     * The program's {@code --version} line(s); empty when it cannot be run at all (not installed).
     * A program that runs but fails answers its output with {@link IOException}.
     */
    public static Optional<String> of(String command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
        } catch (IOException notFound) {
            return Optional.empty();
        }
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(command + " --version failed: " + output);
        }
        return Optional.of(output);
    }

    /** The first {@code major.minor} in {@code text}: its major, or null. */
    public static Integer major(String text) {
        Matcher version = VERSION.matcher(text == null ? "" : text);
        return version.find() ? Integer.valueOf(version.group(1)) : null;
    }
}

package com.nexusai.installers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A program run to its end, its output (standard error merged) and exit status. */
record Command(int exit, String output) {

    static Command run(Map<String, String> environment, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s ended", String.join(" ", command)).isTrue();
        return new Command(process.exitValue(), output);
    }

    static Command run(String... command) throws Exception {
        return run(Map.of(), command);
    }
}

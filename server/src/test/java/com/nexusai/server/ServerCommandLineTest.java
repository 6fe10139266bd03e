package com.nexusai.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** {@code --help} and {@code --version} answer and stop there; any other command line starts the server. */
class ServerCommandLineTest {

    private static String answer(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean answered = ServerCommandLine.answered(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        return answered ? out.toString(StandardCharsets.UTF_8) : null;
    }

    @Test
    void helpListsTheModesTheCommandsAndTheUsualSettings() {
        String help = answer("--help");
        assertThat(help).startsWith("Usage: java -jar nexusai-server.jar").contains("--spring.profiles.active=prod", "--preflight", "--version",
                "--nexusai.data-dir=<dir>", "--server.port=8080", "--startup-profile");
        assertThat(answer("--server.port=9000", "-h")).isEqualTo(help);
    }

    @Test
    void versionIsTheBuildsOwnRecord() {
        assertThat(answer("--version")).matches("NexusAI server \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(built .+\\)\\R");
    }

    @Test
    void anyOtherCommandLineStartsTheServer() {
        assertThat(answer()).isNull();
        assertThat(answer("--server.port=9000", "--spring.profiles.active=prod")).isNull();
        assertThat(answer("--preflight")).as("preflight has its own command").isNull();
    }
}

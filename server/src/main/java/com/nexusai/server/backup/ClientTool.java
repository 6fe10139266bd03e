package com.nexusai.server.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.nexusai.server.platform.ProgramVersion;

/**
 * One of the database client programs (pg_dump, pg_restore, redis-cli) as a child process: its
 * version, and a run with passwords in the environment (never on the command line) and its error
 * output kept for the message when it fails.
 */
final class ClientTool {

    private final String command;
    private final String installHint;

    ClientTool(String command, String installHint) {
        this.command = command;
        this.installHint = installHint;
    }

    String command() {
        return command;
    }

    /** The major version the program prints for {@code --version}; fails with the install hint when it cannot be run. */
    int majorVersion() {
        String output;
        try {
            output = ProgramVersion.of(command)
                    .orElseThrow(() -> new BackupFailedException(command + " cannot be run (not found): " + installHint));
        } catch (IOException e) {
            throw new BackupFailedException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupFailedException("interrupted");
        }
        Integer major = ProgramVersion.major(output);
        if (major == null) {
            throw new BackupFailedException(command + " printed no version: " + output);
        }
        return major;
    }

    /** Starts the program with {@code args}; the caller reads its stdout or writes its stdin, then calls {@link Running#await()}. */
    Running start(List<String> args, Map<String, String> environment) {
        List<String> line = new java.util.ArrayList<>(List.of(command));
        line.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(line);
        builder.environment().putAll(environment);
        try {
            return new Running(builder.start());
        } catch (IOException e) {
            throw new BackupFailedException(command + " cannot be run (" + e.getMessage() + "): " + installHint);
        }
    }

    final class Running {
        private final Process process;
        private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        private final Thread errorReader;

        private Running(Process process) {
            this.process = process;
            this.errorReader = Thread.ofVirtual().start(() -> {
                try (InputStream in = process.getErrorStream()) {
                    in.transferTo(errors);
                } catch (IOException e) {
                    // the process is gone
                }
            });
        }

        Process process() {
            return process;
        }

        /** Waits for the end; fails with the program's error output when it did not exit with 0. */
        void await() {
            try {
                int exit = process.waitFor();
                errorReader.join();
                if (exit != 0) {
                    String said;
                    synchronized (errors) {
                        said = errors.toString(StandardCharsets.UTF_8).strip();
                    }
                    throw new BackupFailedException(command + " failed (exit " + exit + ")" + (said.isEmpty() ? "" : ": " + said));
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new BackupFailedException(command + " was interrupted");
            }
        }

        void kill() {
            process.destroyForcibly();
        }
    }
}

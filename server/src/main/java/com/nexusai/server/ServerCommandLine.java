package com.nexusai.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Properties;

/**
 * {@code --help} and {@code --version}, as a command-line program answers them: printed, then the process ends,
 * without starting anything (no Spring context, no embedded server, no data directory).
 */
final class ServerCommandLine {

    static final String HELP = "--help";
    static final String VERSION = "--version";

    private ServerCommandLine() {
    }

    /** Prints the help or the version when {@code args} ask for one; true when it did and the server must not start. */
    static boolean answered(String[] args, PrintStream out) {
        if (Arrays.asList(args).contains(HELP) || Arrays.asList(args).contains("-h")) {
            out.print(help());
            return true;
        }
        if (Arrays.asList(args).contains(VERSION)) {
            out.println(version());
            return true;
        }
        return false;
    }

    /** "NexusAI server 0.1.0 (built 2026-11-24T00:00:00Z)", from the build's own record of itself. */
    static String version() {
        Properties build = new Properties();
        try (InputStream in = NexusAiServer.class.getResourceAsStream("/META-INF/build-info.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException unreadable) {
            // the version line says so below
        }
        String version = build.getProperty("build.version");
        return version == null ? "NexusAI server (a development build: no build record)"
                : "NexusAI server " + version + " (built " + build.getProperty("build.time", "?") + ")";
    }

    static String help() {
        return """
                Usage: java -jar nexusai-server.jar [--name=value ...]

                The NexusAI server: auth, object storage, AI chat, events, backups, incidents, alerts.

                Modes:
                  (no profile)                    embedded: its own PostgreSQL, Redis, Kafka and S3 store on loopback,
                                                  data under --nexusai.data-dir (default ~/.nexusai/data)
                  --spring.profiles.active=prod   the services named by the environment (config/env.sh, guide 2.2)

                Commands (each prints and exits without starting the server):
                  --preflight                     loads the configuration as the server would and checks it, one line per
                                                  check (with the prod profile: its environment); exits 1 when one fails
                  --version                       prints the version
                  --help, -h                      prints this help

                Settings most often given (any Spring or nexusai.* property works as --name=value):
                  --server.port=8080              the HTTP port (8443 with TLS in prod)
                  --nexusai.data-dir=<dir>        the embedded mode's data, secrets and logs
                  --nexusai.node-name=<name>      this instance's name in the fleet's records (default host:pid)
                  --nexusai.alerts.open-incidents=critical|all|none
                  --nexusai.metrics.history.interval=15s, --nexusai.metrics.history.minutes=7d
                  --startup-profile               logs the 20 slowest start-up steps once the server is ready

                Documentation: README.md and docs/ (the operations guide's steps, the settings, the API; the API's description at /v3/api-docs).
                """;
    }
}

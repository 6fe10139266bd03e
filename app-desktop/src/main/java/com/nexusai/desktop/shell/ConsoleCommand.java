package com.nexusai.desktop.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/** The console's command line as picocli reads it; {@link ConsoleOptions} checks the values and gives them meaning. */
@Command(name = "nexusai-console", mixinStandardHelpOptions = true, versionProvider = ConsoleCommand.Version.class, sortOptions = false,
        usageHelpAutoWidth = true,
        description = {"The NexusAI admin console: the live panels of the operations guide, alerts, incidents, diagnostics, "
                + "operations and the AI chat, for one server or a fleet.", ""},
        footer = {"", "Examples:", "  nexusai-console --local", "  nexusai-console --url=https://app1:8443,https://app2:8443 --lang=fr",
                "  nexusai-console --url=https://app1:8443 --user=wall --password-file=/etc/nexusai/wall"})
final class ConsoleCommand {

    @Option(names = "--url", paramLabel = "URL[,URL...]", description = "The server, or a fleet's instances separated by commas.")
    String url;

    @Option(names = "--user", paramLabel = "NAME", description = "With --url and --password-file: sign in at once, unattended (a wall screen).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "The password, read from a file (never from the command line).")
    Path passwordFile;

    @Option(names = "--local", description = "Start a local server (embedded mode) from this installation and sign in to it.")
    boolean local;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The local server's data (default: ~/.nexusai/console-data).")
    Path dataDir;

    @Option(names = "--lang", paramLabel = "fr|en", description = "The language (default: the last one chosen, else the system's).")
    String lang;

    @Option(names = "--theme", paramLabel = "dark|light", description = "The theme (default: the last one chosen).")
    String theme;

    @Option(names = "--refresh", paramLabel = "SECONDS", description = "How often the panels are read, 1s to 60s (default: 2s).")
    String refresh;

    @Option(names = "--rules", paramLabel = "FILE", description = "An alert rule file in the shared format, instead of the shipped rules.")
    Path rules;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "Also trust the servers this authority signed (remembered).")
    Path caFile;

    @Option(names = "--trust-file", paramLabel = "FILE",
            description = "Where trusted authorities and confirmed certificates are kept (default: ~/.nexusai/console/trusted-servers.properties).")
    Path trustFile;

    /** The console's version, from the build. */
    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() throws IOException {
            return new String[] {"nexusai-console " + version(), "Java " + Runtime.version() + ", JavaFX " + javafxVersion()};
        }
    }

    /** The JavaFX the console runs on, from its module (no toolkit needed). */
    static String javafxVersion() {
        return ModuleLayer.boot().findModule("javafx.base").flatMap(module -> module.getDescriptor().rawVersion())
                .orElse(System.getProperty("javafx.runtime.version", "?")); // on a class path, once the toolkit is up
    }

    static String version() throws IOException {
        Properties build = new Properties();
        try (InputStream in = ConsoleCommand.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                build.load(in);
            }
        }
        return build.getProperty("version", "unknown");
    }
}

package com.nexusai.desktop.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import picocli.CommandLine;

/**
 * The console's command line, read in one place (picocli, {@link ConsoleCommand}; {@code --help} lists it). {@code --url=} (one server, or several separated by
 * commas: a fleet), {@code --user=} and {@code --password-file=} (connect at once, unattended), {@code --local}
 * (start a local server at once), {@code --data-dir=} (the local server's), {@code --lang=fr|en},
 * {@code --theme=dark|light}, {@code --refresh=2s} (1s to 60s), {@code --rules=} (an alert rule file in the
 * shared format, instead of the shipped one), {@code --ca-file=} (also trust the servers this CA signed, e.g. an
 * internal CA; remembered), {@code --trust-file=} (where the trusted CA files and confirmed server certificates
 * are kept, by default {@code ~/.nexusai/console/trusted-servers.properties}).
 */
record ConsoleOptions(Optional<String> url, Optional<String> user, Optional<Path> passwordFile, boolean local, Path dataDir,
        Optional<Locale> language, Optional<Boolean> dark, Duration refresh, Optional<Path> rules, Optional<Path> caFile,
        Path trustFile) {

    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    /** Parses the command line ({@link ConsoleCommand}); anything else is refused with the reason, before a window opens. */
    static ConsoleOptions parse(List<String> arguments) {
        ConsoleCommand command = new ConsoleCommand();
        try {
            new CommandLine(command).parseArgs(arguments.toArray(String[]::new));
        } catch (CommandLine.UnmatchedArgumentException e) {
            throw new IllegalArgumentException("unknown option '" + String.join(" ", e.getUnmatched()) + "'; see nexusai-console --help", e);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage() + "; see nexusai-console --help", e);
        }
        Map<String, String> named = new java.util.HashMap<>();
        put(named, "lang", command.lang);
        put(named, "theme", command.theme);
        put(named, "refresh", command.refresh);
        Optional<Locale> language = Optional.ofNullable(named.get("lang")).map(tag -> switch (tag) {
            case "fr", "en" -> Locale.forLanguageTag(tag);
            default -> throw new IllegalArgumentException("--lang must be fr or en, not '" + tag + "'");
        });
        Optional<Boolean> dark = Optional.ofNullable(named.get("theme")).map(theme -> switch (theme) {
            case "dark" -> true;
            case "light" -> false;
            default -> throw new IllegalArgumentException("--theme must be dark or light, not '" + theme + "'");
        });
        Duration refresh = Duration.ofSeconds(2);
        if (named.containsKey("refresh")) {
            String value = named.get("refresh");
            try {
                refresh = Duration.ofSeconds(Long.parseLong(value.endsWith("s") ? value.substring(0, value.length() - 1) : value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--refresh must be seconds, like 2s, not '" + value + "'");
            }
            if (refresh.toSeconds() < 1 || refresh.toSeconds() > 60) {
                throw new IllegalArgumentException("--refresh must be between 1s and 60s, not '" + value + "'");
            }
        }
        Path home = Path.of(System.getProperty("user.home"));
        return new ConsoleOptions(Optional.ofNullable(command.url), Optional.ofNullable(command.user), Optional.ofNullable(command.passwordFile),
                command.local, command.dataDir != null ? command.dataDir : home.resolve(".nexusai/console-data"), language, dark, refresh,
                Optional.ofNullable(command.rules), Optional.ofNullable(command.caFile),
                command.trustFile != null ? command.trustFile : home.resolve(".nexusai/console/trusted-servers.properties"));
    }

    private static void put(Map<String, String> named, String name, String value) {
        if (value != null) {
            named.put(name, value);
        }
    }

    /** Connect at once without the form: a wall screen. */
    boolean unattended() {
        return url.isPresent() && user.isPresent() && passwordFile.isPresent();
    }
}

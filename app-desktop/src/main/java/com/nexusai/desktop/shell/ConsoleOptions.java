package com.nexusai.desktop.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console's command line, read in one place. {@code --url=} (one server, or several separated by
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

    private static final Set<String> NAMES = Set.of("url", "user", "password-file", "local", "data-dir", "lang", "theme", "refresh", "rules",
            "ca-file", "trust-file");

    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    /** Parses {@code --name=value} and {@code --local}; anything else is refused with the reason, before a window opens. */
    static ConsoleOptions parse(List<String> arguments) {
        Map<String, String> named = new java.util.HashMap<>();
        for (String argument : arguments) {
            if (argument.equals("--local")) {
                named.put("local", "true");
                continue;
            }
            int equals = argument.indexOf('=');
            if (!argument.startsWith("--") || equals < 0 || !NAMES.contains(argument.substring(2, equals))) {
                throw new IllegalArgumentException("unknown option '" + argument + "'; the options are --" + String.join("=, --",
                        NAMES.stream().sorted().toList()) + "= (see the README)");
            }
            named.put(argument.substring(2, equals), argument.substring(equals + 1));
        }
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
        Path dataDir = Path.of(named.getOrDefault("data-dir", System.getProperty("user.home") + "/.nexusai/console-data"));
        return new ConsoleOptions(Optional.ofNullable(named.get("url")), Optional.ofNullable(named.get("user")),
                Optional.ofNullable(named.get("password-file")).map(Path::of), "true".equals(named.get("local")), dataDir, language, dark,
                refresh, Optional.ofNullable(named.get("rules")).map(Path::of), Optional.ofNullable(named.get("ca-file")).map(Path::of),
                Path.of(named.getOrDefault("trust-file", System.getProperty("user.home") + "/.nexusai/console/trusted-servers.properties")));
    }

    /** Connect at once without the form: a wall screen. */
    boolean unattended() {
        return url.isPresent() && user.isPresent() && passwordFile.isPresent();
    }
}

package com.nexusai.desktop.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * The remembered sign-in: the server's URL and the latest refresh token (never the password), in a
 * file only the user can read. The server rotates refresh tokens and treats a reused one as stolen,
 * so the file is rewritten with the newest token when the console quits.
 */
public final class Session {

    public record Remembered(String url, String refreshToken) {
    }

    private final Path file;

    public Session(Path file) {
        this.file = file;
    }

    public static Session inHome() {
        return new Session(Path.of(System.getProperty("user.home"), ".nexusai", "console", "session.properties"));
    }

    public Optional<Remembered> read() {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        String url = properties.getProperty("url");
        String token = properties.getProperty("refreshToken");
        return url == null || token == null ? Optional.empty() : Optional.of(new Remembered(url, token));
    }

    public void save(String url, String refreshToken) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(temporary);
        }
        Properties properties = new Properties();
        properties.setProperty("url", url);
        properties.setProperty("refreshToken", refreshToken);
        try (Writer out = Files.newBufferedWriter(temporary)) {
            properties.store(out, "NexusAI console: the latest sign-in (no password)");
        }
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public void forget() throws IOException {
        Files.deleteIfExists(file);
    }
}

package com.nexusai.server.diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.nexusai.server.storage.StorageConnectionDetails;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Every secret this server holds (the JWT master secret, the PostgreSQL, Redis and S3 credentials, the
 * scrape token, the first admin password, whatever the data directory's {@code secrets/} holds), read
 * when asked so that a rotated one is known too, and {@link #redact} which blanks them out of a text
 * or a tree of maps and lists. Every diagnostics output goes through it; a heap dump cannot, which is
 * why only ADMIN may take one.
 */
@Component
public class KnownSecrets {

    static final String REDACTED = "[redacted]";
    /** Shorter values are not secrets worth the name (and would blank out ordinary words). */
    private static final int MIN_LENGTH = 8;
    private static final List<String> PROPERTIES = List.of("nexusai.security.jwt.secret", "nexusai.security.scrape-token",
            "nexusai.admin.initial-password", "spring.datasource.password", "spring.data.redis.password",
            "nexusai.storage.minio.secret-key", "server.ssl.key-store-password", "server.ssl.key-password");

    private final Environment environment;
    private final ObjectProvider<JdbcConnectionDetails> jdbc;
    private final ObjectProvider<DataRedisConnectionDetails> redis;
    private final ObjectProvider<StorageConnectionDetails> storage;

    KnownSecrets(Environment environment, ObjectProvider<JdbcConnectionDetails> jdbc,
            ObjectProvider<DataRedisConnectionDetails> redis, ObjectProvider<StorageConnectionDetails> storage) {
        this.environment = environment;
        this.jdbc = jdbc;
        this.redis = redis;
        this.storage = storage;
    }

    /** The secrets, longest first (so that one containing another is blanked whole). */
    public List<String> current() {
        Set<String> secrets = new LinkedHashSet<>();
        PROPERTIES.forEach(name -> secrets.add(environment.getProperty(name)));
        jdbc.ifAvailable(details -> secrets.add(details.getPassword()));
        redis.ifAvailable(details -> secrets.add(details.getPassword()));
        storage.ifAvailable(details -> secrets.add(details.secretKey()));
        String secretFile = environment.getProperty("nexusai.security.jwt.secret-file");
        if (secretFile != null) {
            secrets.add(read(Path.of(secretFile)));
        }
        String dataDir = environment.getProperty("nexusai.data-dir");
        if (dataDir != null) {
            secrets.addAll(filesIn(Path.of(dataDir, "secrets")));
        }
        List<String> usable = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && secret.strip().length() >= MIN_LENGTH) {
                usable.add(secret.strip());
            }
        }
        usable.sort(Comparator.comparingInt(String::length).reversed());
        return usable;
    }

    /** {@code text} with every known secret replaced by {@value #REDACTED}. */
    public String redact(String text) {
        return redact(text, current());
    }

    /** A copy of a tree of maps, lists and strings with every known secret blanked out of its texts. */
    public Object redactTree(Object tree) {
        return redactTree(tree, current());
    }

    private static Object redactTree(Object node, List<String> secrets) {
        if (node instanceof String text) {
            return redact(text, secrets);
        }
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(key, redactTree(value, secrets)));
            return copy;
        }
        if (node instanceof Collection<?> list) {
            return list.stream().map(value -> redactTree(value, secrets)).toList();
        }
        return node;
    }

    static String redact(String text, List<String> secrets) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, REDACTED);
        }
        return redacted;
    }

    private static List<String> filesIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).map(KnownSecrets::read).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String read(Path file) {
        try {
            return Files.size(file) > 64 * 1024 ? null : Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

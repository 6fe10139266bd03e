package com.nexusai.server.sql;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.Collectors;

/**
 * A {@code jdbc:postgresql://host:port/database?name=value} URL taken apart, so that a connection to another
 * server (the replica) or another database (a restore test's scratch one) keeps the primary's parameters:
 * {@code sslmode=verify-full} and its {@code sslrootcert} above all. The TLS parameters are also given to the
 * client programs ({@code pg_dump}, {@code pg_restore}) in libpq's environment variables, which mean the same.
 */
public record PostgresUrl(String host, int port, String database, SequencedMap<String, String> parameters) {

    private static final String PREFIX = "jdbc:postgresql://";
    private static final Map<String, String> LIBPQ_VARIABLES = Map.of("sslmode", "PGSSLMODE", "sslrootcert", "PGSSLROOTCERT",
            "sslcert", "PGSSLCERT", "sslkey", "PGSSLKEY");

    public PostgresUrl {
        parameters = new LinkedHashMap<>(parameters);
    }

    /** @param jdbcUrl one host; a missing port is 5432, a missing database is empty */
    public static PostgresUrl parse(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        String rest = jdbcUrl.substring(PREFIX.length());
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        int slash = rest.indexOf('/');
        String address = slash < 0 ? rest : rest.substring(0, slash);
        String database = slash < 0 ? "" : URLDecoder.decode(rest.substring(slash + 1), StandardCharsets.UTF_8);
        int colon = address.lastIndexOf(':');
        boolean hasPort = colon >= 0 && address.indexOf(']') < colon;
        String host = hasPort ? address.substring(0, colon) : address;
        int port = hasPort ? Integer.parseInt(address.substring(colon + 1)) : 5432;
        SequencedMap<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                parameters.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                        equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return new PostgresUrl(host, port, database, parameters);
    }

    public PostgresUrl withAddress(String otherHost, int otherPort) {
        return new PostgresUrl(otherHost, otherPort, database, parameters);
    }

    public PostgresUrl withDatabase(String other) {
        return new PostgresUrl(host, port, other, parameters);
    }

    /** The database, or {@code fallback} when the URL names none (PostgreSQL then uses the user's name). */
    public String databaseOr(String fallback) {
        return database.isEmpty() ? fallback : database;
    }

    public String jdbcUrl() {
        String query = parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return PREFIX + host + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8) + (query.isEmpty() ? "" : "?" + query);
    }

    /** The URL's TLS parameters as libpq's variables ({@code PGSSLMODE}, {@code PGSSLROOTCERT}, ...), for pg_dump and pg_restore. */
    public Map<String, String> libpqEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            String variable = LIBPQ_VARIABLES.get(name);
            if (variable != null) {
                environment.put(variable, value);
            }
        });
        return environment;
    }

    /** {@code host:port}. */
    public String address() {
        return host + ":" + port;
    }
}

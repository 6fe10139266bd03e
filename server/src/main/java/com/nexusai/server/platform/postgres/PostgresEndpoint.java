package com.nexusai.server.platform.postgres;

import com.nexusai.server.platform.Endpoint;

public record PostgresEndpoint(String host, int port, String database, String username, String password,
        String version) implements Endpoint {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String address() {
        return jdbcUrl();
    }

    @Override
    public String toString() {
        return "PostgresEndpoint[" + jdbcUrl() + ", user " + username + "]";
    }
}

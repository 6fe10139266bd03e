package com.nexusai.core.api;

import java.io.IOException;

/** What a server says of itself ({@code /actuator/info}, ADMIN and DEVOPS): its build's version. */
public record ServerInfo(String version) {

    public static ServerInfo of(NexusClient client) throws IOException, InterruptedException {
        String version = Json.text(client.getJson("/actuator/info").path("build"), "version");
        return new ServerInfo(version == null ? "?" : version);
    }
}

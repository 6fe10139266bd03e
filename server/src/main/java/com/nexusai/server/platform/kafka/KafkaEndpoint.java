package com.nexusai.server.platform.kafka;

import com.nexusai.server.platform.Endpoint;

public record KafkaEndpoint(String bootstrapServers, String version) implements Endpoint {

    @Override
    public String address() {
        return bootstrapServers;
    }
}

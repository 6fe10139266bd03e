package com.nexusai.server.platform.redis;

import com.nexusai.server.platform.Endpoint;

public record RedisEndpoint(String host, int port, String password, String version) implements Endpoint {

    @Override
    public String address() {
        return "redis://" + host + ":" + port;
    }

    @Override
    public String toString() {
        return "RedisEndpoint[" + address() + "]";
    }
}

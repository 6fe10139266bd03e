package com.nexusai.server.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** This server instance's name in run histories: {@code nexusai.node-name}, else host name and process id. */
@Component
public class NodeName {

    private final String value;
    private final boolean configured;

    NodeName(@Value("${nexusai.node-name:}") String configured) {
        this.configured = !configured.isBlank();
        if (this.configured) {
            value = configured;
            return;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        value = host + ":" + ProcessHandle.current().pid();
    }

    public String value() {
        return value;
    }

    /**
     * The name of an earlier process of this host ({@code host:pid} names), another process id: what a restart after a
     * crash leaves behind. False for every name when {@code nexusai.node-name} is set (names then outlive processes).
     */
    public boolean earlierProcessOfThisHost(String other) {
        if (configured || other.equals(value)) {
            return false;
        }
        int colon = value.lastIndexOf(':');
        return other.startsWith(value.substring(0, colon + 1)) && other.substring(colon + 1).chars().allMatch(Character::isDigit);
    }
}

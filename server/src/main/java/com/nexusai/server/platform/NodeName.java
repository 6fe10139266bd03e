package com.nexusai.server.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** This server instance's name in run histories: {@code nexusai.node-name}, else host name and process id. */
@Component
public class NodeName {

    private final String value;

    NodeName(@Value("${nexusai.node-name:}") String configured) {
        if (!configured.isBlank()) {
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
}

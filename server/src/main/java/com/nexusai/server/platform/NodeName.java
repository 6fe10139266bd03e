package com.nexusai.server.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.stereotype.Component;

/** This server instance's name in run histories and locks: host name and process id. */
@Component
public class NodeName {

    private final String value;

    NodeName() {
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

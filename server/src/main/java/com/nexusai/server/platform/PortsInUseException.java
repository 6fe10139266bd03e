package com.nexusai.server.platform;

import java.util.List;
import java.util.stream.Collectors;

/** One or more ports the server needs are taken; each conflict names the port and the setting that moves it. */
public class PortsInUseException extends RuntimeException {

    /** A port that could not be bound. */
    public record Conflict(String component, String host, int port, String property, String reason) {
        public String describe() {
            return component + " needs " + host + ":" + port + ", which is already in use (" + reason + "); set "
                    + property + " to another port";
        }
    }

    private final List<Conflict> conflicts;

    public PortsInUseException(List<Conflict> conflicts) {
        super(conflicts.stream().map(Conflict::describe).collect(Collectors.joining("; ")));
        this.conflicts = List.copyOf(conflicts);
    }

    public List<Conflict> conflicts() {
        return conflicts;
    }
}

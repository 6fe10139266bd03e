package com.nexusai.server.platform;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Checks ports before anything starts, so a taken port fails fast with its name and number. */
public final class Ports {

    /** A port a component wants; 0 asks for any free port. */
    public record Request(String component, int port, String property) {
    }

    private Ports() {
    }

    /**
     * Returns the ports to use, in the order asked, with every 0 replaced by a free port; throws
     * {@link PortsInUseException} listing every requested port that is taken.
     */
    public static List<Integer> reserve(String host, List<Request> requests) {
        List<PortsInUseException.Conflict> conflicts = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (Request request : requests) {
                try {
                    ServerSocket socket = new ServerSocket();
                    socket.setReuseAddress(true);
                    socket.bind(new InetSocketAddress(InetAddress.getByName(host), request.port()));
                    held.add(socket); // held until all are checked so that two 0s never get the same port
                    ports.add(socket.getLocalPort());
                } catch (IOException e) {
                    conflicts.add(new PortsInUseException.Conflict(request.component(), host, request.port(),
                            request.property(), e.getMessage()));
                    ports.add(request.port());
                }
            }
        } finally {
            held.forEach(Ports::closeQuietly);
        }
        if (!conflicts.isEmpty()) {
            throw new PortsInUseException(conflicts);
        }
        return ports;
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was accepted on it
        }
    }
}

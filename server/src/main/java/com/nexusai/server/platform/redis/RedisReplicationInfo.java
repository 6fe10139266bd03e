package com.nexusai.server.platform.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The replication section of Redis's {@code INFO}: the server's role, the replicas a master has with how far
 * each is behind, or for a replica its master and whether the link is up.
 */
public record RedisReplicationInfo(String role, long masterReplOffset, List<Replica> replicas, String masterAddress, boolean masterLinkUp) {

    /** One replica of a master, as the master sees it: {@code offset} is what it acknowledged. */
    public record Replica(String address, String state, long offset, long lagSeconds) {
    }

    public RedisReplicationInfo {
        replicas = List.copyOf(replicas);
    }

    public boolean master() {
        return "master".equals(role);
    }

    /** Bytes a replica has still to acknowledge. */
    public long behindBytes(Replica replica) {
        return Math.max(0, masterReplOffset - replica.offset());
    }

    public long onlineReplicas() {
        return replicas.stream().filter(r -> "online".equals(r.state())).count();
    }

    public static RedisReplicationInfo of(Properties info) {
        String role = info.getProperty("role", "unknown").strip();
        long offset = number(info.getProperty("master_repl_offset"));
        Map<Integer, Replica> replicas = new TreeMap<>();
        for (String name : info.stringPropertyNames()) {
            if (name.matches("slave\\d+")) {
                replicas.put(Integer.parseInt(name.substring(5)), replica(info.getProperty(name)));
            }
        }
        String masterAddress = info.getProperty("master_host") == null ? null
                : info.getProperty("master_host").strip() + ":" + info.getProperty("master_port", "").strip();
        return new RedisReplicationInfo(role, offset, new ArrayList<>(replicas.values()), masterAddress,
                "up".equals(info.getProperty("master_link_status", "").strip()));
    }

    /** {@code ip=10.0.0.2,port=6379,state=online,offset=1234,lag=0}. */
    private static Replica replica(String text) {
        Map<String, String> fields = new TreeMap<>();
        for (String part : text.strip().split(",")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                fields.put(part.substring(0, equals), part.substring(equals + 1));
            }
        }
        return new Replica(fields.getOrDefault("ip", "?") + ":" + fields.getOrDefault("port", "?"), fields.getOrDefault("state", "unknown"),
                number(fields.get("offset")), number(fields.get("lag")));
    }

    private static long number(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

package com.nexusai.server.investigation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The guide's "connexions DB épuisées" (§6.1) with its two causes told apart: the guide's own (the pool is too small
 * for the load) and the one it misses, connections held by long transactions, which a bigger pool only delays. The
 * pool is under stress when threads wait for a connection or 90 % of it is in use (the alert's threshold).
 */
@Component
@Order(1)
class PoolAnalyzer implements Analyzer {

    static final double BUSY = 0.9;
    private static final int SHOWN = 5;

    private final InvestigationProperties properties;

    PoolAnalyzer(InvestigationProperties properties) {
        this.properties = properties;
    }

    @Override
    public Said reads() {
        return Said.of("reads.pool");
    }

    @Override
    public List<Found> analyze(Signals signals) throws Exception {
        Set<String> pools = new TreeSet<>();
        signals.samples().stream().filter(sample -> sample.name().equals("hikaricp_connections_max")).map(sample -> sample.label("pool"))
                .filter(java.util.Objects::nonNull).forEach(pools::add);
        List<Found> found = new ArrayList<>();
        for (String pool : pools) {
            Map<String, String> match = Map.of("pool", pool);
            double max = signals.sum("hikaricp_connections_max", match).orElse(0);
            double active = signals.sum("hikaricp_connections_active", match).orElse(0);
            double pending = signals.sum("hikaricp_connections_pending", match).orElse(0);
            if (max <= 0 || (pending < 1 && active / max < BUSY)) {
                continue;
            }
            found.add(stressed(signals, pool, max, active, pending));
        }
        return found;
    }

    private Found stressed(Signals signals, String pool, double max, double active, double pending) throws Exception {
        Map<String, String> match = Map.of("pool", pool);
        List<Evidence> evidence = new ArrayList<>(List.of(
                Evidence.metric("hikaricp_connections_active{pool=\"" + pool + "\"}", (long) active),
                Evidence.metric("hikaricp_connections_max{pool=\"" + pool + "\"}", (long) max),
                Evidence.metric("hikaricp_connections_pending{pool=\"" + pool + "\"}", (long) pending)));
        signals.samples().stream()
                .filter(sample -> sample.name().equals("hikaricp_connections_acquire_seconds_max") && sample.matches(match))
                .findFirst().ifPresent(sample -> evidence.add(Evidence.metric("hikaricp_connections_acquire_seconds_max{pool=\"" + pool + "\"}",
                        sample.value())));
        Severity severity = pending >= 1 ? Severity.CRITICAL : Severity.WARNING;
        double longAfter = properties.longTransaction().toMillis() / 1000.0;
        double slowAfter = properties.slowQuery().toMillis() / 1000.0;
        List<PostgresSessions.Session> holders = signals.sessions().stream()
                .filter(session -> !session.applicationName().equals(PostgresSessions.APPLICATION_NAME))
                .filter(session -> (session.idleInTransaction() && session.transactionSeconds() >= longAfter)
                        || (session.state().equals("active") && session.querySeconds() >= slowAfter))
                .sorted(Comparator.comparingDouble(PostgresSessions.Session::transactionSeconds).reversed())
                .toList();
        if (!holders.isEmpty() && holders.size() * 2 >= active) {
            holders.stream().limit(SHOWN).forEach(session -> evidence.add(Evidence.postgres("holding", session.describe())));
            return new Found("pool-held-by-transactions", severity,
                    Said.of("pool.held.title", holders.size(), (long) max, holders.getFirst().transactionSeconds()), evidence, "pool",
                    Said.of("pool.held.next", holders.getFirst().pid()));
        }
        return new Found("pool-too-small", severity, Said.of("pool.small.title", (long) active, (long) max, (long) pending), evidence, "pool",
                Said.of("pool.small.next", (long) max));
    }
}

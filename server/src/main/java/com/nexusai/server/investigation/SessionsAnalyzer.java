package com.nexusai.server.investigation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Latency from the database, which the guide's table (§6.1, "latence élevée: pause GC") does not name: statements
 * waiting for a lock, and whose transaction holds it (an idle transaction holds it until someone ends it), and
 * statements running longer than {@code nexusai.investigations.slow-query}.
 */
@Component
@Order(2)
class SessionsAnalyzer implements Analyzer {

    private static final int SHOWN = 5;

    private final InvestigationProperties properties;

    SessionsAnalyzer(InvestigationProperties properties) {
        this.properties = properties;
    }

    @Override
    public Said reads() {
        return Said.of("reads.postgres");
    }

    @Override
    public List<Found> analyze(Signals signals) throws Exception {
        List<PostgresSessions.Session> all = signals.sessions();
        Map<Integer, PostgresSessions.Session> byPid = all.stream().collect(Collectors.toMap(PostgresSessions.Session::pid, Function.identity()));
        List<Found> found = new ArrayList<>();
        List<PostgresSessions.Session> waiting = all.stream().filter(PostgresSessions.Session::waitingForLock)
                .sorted(Comparator.comparingDouble(PostgresSessions.Session::querySeconds).reversed()).toList();
        if (!waiting.isEmpty()) {
            found.add(lockWait(waiting, byPid));
        }
        double slowAfter = properties.slowQuery().toMillis() / 1000.0;
        List<PostgresSessions.Session> slow = all.stream()
                .filter(session -> session.state().equals("active") && !session.waitingForLock() && session.querySeconds() >= slowAfter)
                .sorted(Comparator.comparingDouble(PostgresSessions.Session::querySeconds).reversed()).toList();
        if (!slow.isEmpty()) {
            List<Evidence> evidence = new ArrayList<>();
            slow.stream().limit(SHOWN).forEach(session -> evidence.add(Evidence.postgres("pg_stat_activity", session.describe())));
            double longest = slow.getFirst().querySeconds();
            found.add(new Found("slow-queries", longest >= 6 * slowAfter ? Severity.CRITICAL : Severity.WARNING,
                    Said.of("slowQueries.title", slow.size(), longest, slowAfter), evidence, "latency",
                    Said.of("slowQueries.next", slow.getFirst().pid())));
        }
        return found;
    }

    private Found lockWait(List<PostgresSessions.Session> waiting, Map<Integer, PostgresSessions.Session> byPid) {
        List<Evidence> evidence = new ArrayList<>();
        waiting.stream().limit(SHOWN).forEach(session -> evidence.add(Evidence.postgres("waiting", session.describe())));
        // the head of the chain: a blocker that is not itself waiting
        List<PostgresSessions.Session> blockers = waiting.stream().flatMap(session -> session.blockedBy().stream())
                .distinct().map(byPid::get).filter(java.util.Objects::nonNull).filter(session -> !session.waitingForLock()).toList();
        blockers.stream().limit(SHOWN).forEach(session -> evidence.add(Evidence.postgres("blocking", session.describe())));
        PostgresSessions.Session first = waiting.getFirst();
        if (blockers.isEmpty()) {
            return new Found("lock-wait", Severity.WARNING, Said.of("lockWait.title", waiting.size(), first.querySeconds()),
                    evidence, "latency", Said.of("lockWait.next.unknown"));
        }
        PostgresSessions.Session holder = blockers.getFirst();
        boolean idle = holder.idleInTransaction();
        return new Found("lock-wait", idle ? Severity.CRITICAL : Severity.WARNING,
                Said.of(idle ? "lockWait.idleHolder.title" : "lockWait.activeHolder.title", waiting.size(), first.querySeconds(),
                        holder.pid(), holder.transactionSeconds()),
                evidence, "latency", Said.of(idle ? "lockWait.idleHolder.next" : "lockWait.activeHolder.next", holder.pid(), holder.query()));
    }
}

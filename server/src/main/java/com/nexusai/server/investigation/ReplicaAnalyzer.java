package com.nexusai.server.investigation;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The PostgreSQL replica (guide §2, the data tier): behind the primary by more than the alert's 30 s, or not answering
 * as a standby for more than a minute (the backups then read from the primary).
 */
@Component
@Order(8)
class ReplicaAnalyzer implements Analyzer {

    static final double LAG_SECONDS = 30;
    static final double UNUSABLE_SECONDS = 60;

    @Override
    public Said reads() {
        return Said.of("reads.replica");
    }

    @Override
    public List<Found> analyze(Signals signals) {
        List<Found> found = new ArrayList<>();
        double unusable = signals.max("nexusai_db_replica_unusable_seconds").orElse(0);
        if (unusable > UNUSABLE_SECONDS) {
            found.add(new Found("replica-unusable", Severity.WARNING, Said.of("replica.unusable.title", unusable),
                    List.of(Evidence.metric("nexusai_db_replica_unusable_seconds", (long) unusable)), null, Said.of("replica.unusable.next")));
            return found;
        }
        double lag = signals.max("pg_replication_lag_seconds").orElse(0);
        if (lag > LAG_SECONDS) {
            found.add(new Found("replica-lagging", Severity.WARNING, Said.of("replica.lag.title", lag),
                    List.of(Evidence.metric("pg_replication_lag_seconds", lag)), null, Said.of("replica.lag.next")));
        }
        return found;
    }
}

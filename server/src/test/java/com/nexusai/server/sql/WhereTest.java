package com.nexusai.server.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class WhereTest {

    @Test
    void onlyGivenFiltersAreAddedAndEveryValueIsABindParameter() {
        Instant since = Instant.parse("2026-11-24T08:00:00Z");
        Where where = new Where().and("type = ?", "LOGIN_OK").and("username = ?", null).and("occurred_at >= ?", since);
        assertThat(where.sql()).isEqualTo(" where true and type = ? and occurred_at >= ?");
        assertThat(where.params(10)).containsExactly("LOGIN_OK", Timestamp.from(since), 10);
    }

    @Test
    void noFilterMeansEverything() {
        assertThat(new Where().sql()).isEqualTo(" where true");
        assertThat(new Where().params()).isEmpty();
    }
}

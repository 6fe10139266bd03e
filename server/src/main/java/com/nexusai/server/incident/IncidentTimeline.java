package com.nexusai.server.incident;

import java.util.UUID;

import com.nexusai.server.web.ProblemText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Writes an incident's timeline: who did what, in the server's words (kept by key, said in the reader's language) or a person's. */
@Component
class IncidentTimeline {

    private final JdbcClient jdbc;

    IncidentTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An entry in the words of a person (a note, an error): said as written, in every language. */
    void write(UUID incident, String actor, String action, String detail) {
        write(incident, actor, action, ProblemText.of("timeline.text", detail));
    }

    /** An entry in the server's words. */
    void write(UUID incident, String actor, String action, ProblemText detail) {
        jdbc.sql("insert into incident_timeline (incident_id, actor, action, detail, detail_key, detail_args) values (?, ?, ?, ?, ?, ?)")
                .params(incident, actor, action, detail.english(), detail.key(), detail.args().stream().map(String::valueOf).toArray(String[]::new))
                .update();
    }
}

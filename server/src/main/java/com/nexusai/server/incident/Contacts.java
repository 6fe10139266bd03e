package com.nexusai.server.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.nexusai.server.web.ProblemText;
import com.nexusai.server.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The contacts of §8, seeded by the migration and editable by ADMIN. */
@Repository
class Contacts {

    private final JdbcClient jdbc;

    Contacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Contact> all() {
        return jdbc.sql("select * from contacts order by role").query(Contacts::row).list();
    }

    Contact save(Contact contact) {
        contact.validate();
        UUID id = contact.id() == null ? UUID.randomUUID() : contact.id();
        int updated = jdbc.sql("""
                        insert into contacts (id, role, email, days, start_time, end_time, levels, kinds, webhook_url)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (id) do update set role = excluded.role, email = excluded.email, days = excluded.days,
                            start_time = excluded.start_time, end_time = excluded.end_time, levels = excluded.levels, kinds = excluded.kinds,
                            webhook_url = excluded.webhook_url""")
                .params(id, contact.role(), contact.email(), contact.days().toUpperCase(java.util.Locale.ROOT), contact.startTime(),
                        contact.endTime(), String.join(",", contact.levels().stream().map(String::valueOf).toList()),
                        String.join(",", contact.kinds()), contact.webhookUrl() == null || contact.webhookUrl().isBlank() ? null
                                : contact.webhookUrl().strip())
                .update();
        if (updated == 0) {
            throw new NotFoundException(ProblemText.of("contact.none", id));
        }
        return all().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    void delete(UUID id) {
        if (jdbc.sql("delete from contacts where id = ?").param(id).update() == 0) {
            throw new NotFoundException(ProblemText.of("contact.none", id));
        }
    }

    /** Who covers {@code level} and {@code kind} and can be reached at {@code now}. */
    List<Contact> reachable(int level, String kind, ZonedDateTime now) {
        return all().stream().filter(c -> c.covers(level, kind) && c.reachableAt(now)).toList();
    }

    /** Who covers them at all, reachable or not. */
    List<Contact> covering(int level, String kind) {
        return all().stream().filter(c -> c.covers(level, kind)).toList();
    }

    private static Contact row(ResultSet rs, int n) throws SQLException {
        return new Contact(rs.getObject("id", UUID.class), rs.getString("role"), rs.getString("email"), rs.getString("days"),
                rs.getString("start_time"), rs.getString("end_time"),
                Arrays.stream(rs.getString("levels").split(",")).map(Integer::valueOf).toList(),
                List.of(rs.getString("kinds").split(",")), rs.getString("webhook_url"));
    }
}

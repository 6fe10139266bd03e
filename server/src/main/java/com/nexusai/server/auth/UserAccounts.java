package com.nexusai.server.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads user accounts with their roles in one query each. Writes stay in {@link UserService}, inside its transactions. */
@Repository
class UserAccounts {

    private static final String SELECT = """
            select u.id, u.username, u.password_hash, u.enabled, u.created_at,
                   coalesce(string_agg(r.role, ',' order by r.role), '') as roles
              from users u left join user_roles r on r.user_id = u.id
            """;

    private final JdbcClient jdbc;

    UserAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account of exactly this name (names are unique whatever their case, but signing in uses the stored case). */
    Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql(SELECT + " where u.username = ? group by u.id").param(username).query(UserAccounts::account).optional();
    }

    List<UserAccount> allByName() {
        return jdbc.sql(SELECT + " group by u.id order by u.username").query(UserAccounts::account).list();
    }

    private static UserAccount account(ResultSet row, int rowNumber) throws SQLException {
        return new UserAccount(row.getLong("id"), row.getString("username"), row.getString("password_hash"),
                row.getBoolean("enabled"), row.getTimestamp("created_at").toInstant(), roles(row.getString("roles")));
    }

    private static Set<Role> roles(String joined) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (!joined.isEmpty()) {
            Arrays.stream(joined.split(",")).map(Role::valueOf).forEach(roles::add);
        }
        return roles;
    }
}

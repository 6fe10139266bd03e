package com.nexusai.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.nexusai.server.web.ProblemText;
import com.nexusai.server.audit.SecurityAuditLog;
import com.nexusai.server.audit.SecurityEventType;
import com.nexusai.server.events.DomainEvents;
import com.nexusai.server.web.BadRequestException;
import com.nexusai.server.web.ConflictException;
import com.nexusai.server.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users and their roles. Disabling a user, changing their roles or password voids their tokens. */
@Service
public class UserService {

    public static final int MIN_PASSWORD_LENGTH = AdminProperties.MIN_PASSWORD_LENGTH;

    public record UserView(String username, Set<Role> roles, boolean enabled, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final UserAccounts users;
    private final PasswordEncoder passwords;
    private final Revocations revocations;
    private final LoginThrottle throttle;
    private final SecurityAuditLog audit;
    private final DomainEvents events;

    UserService(JdbcClient jdbc, UserAccounts users, PasswordEncoder passwords, Revocations revocations,
            LoginThrottle throttle, SecurityAuditLog audit, DomainEvents events) {
        this.jdbc = jdbc;
        this.users = users;
        this.passwords = passwords;
        this.revocations = revocations;
        this.throttle = throttle;
        this.audit = audit;
        this.events = events;
    }

    public List<UserView> list() {
        return users.allByName().stream().map(UserService::view).toList();
    }

    public UserView get(String username) {
        return view(find(username));
    }

    @Transactional
    public UserView create(String username, String password, Set<Role> roles, String actor) {
        checkPassword(password);
        Set<Role> granted = roles == null || roles.isEmpty() ? EnumSet.of(Role.USER) : EnumSet.copyOf(roles);
        // user names are unique whatever their case (an index on lower(username) keeps it so under a race)
        Long id = jdbc.sql("insert into users (username, password_hash) select ?, ? where not exists "
                        + "(select 1 from users where lower(username) = lower(?)) on conflict do nothing returning id")
                .params(username, passwords.encode(password), username).query(Long.class).optional()
                .orElseThrow(() -> new ConflictException(ProblemText.of("user.exists", username)));
        granted.forEach(role -> jdbc.sql("insert into user_roles (user_id, role) values (?, ?)").params(id, role.name()).update());
        audit.record(SecurityEventType.USER_CREATED, username, actor, null, "roles " + sorted(granted));
        events.record("user.created", "user", username, actor, Map.of("roles", sorted(granted)));
        return get(username);
    }

    @Transactional
    public UserView setEnabled(String username, boolean enabled, String actor) {
        UserAccount account = find(username);
        if (!enabled && username.equals(actor)) {
            throw new BadRequestException(ProblemText.of("user.disableSelf"));
        }
        jdbc.sql("update users set enabled = ? where username = ?").params(enabled, username).update();
        if (!enabled) {
            revocations.revokeUser(username);
        }
        audit.record(enabled ? SecurityEventType.USER_ENABLED : SecurityEventType.USER_DISABLED, username, actor, null, null);
        events.record(enabled ? "user.enabled" : "user.disabled", "user", username, actor, Map.of());
        return new UserView(username, account.roles(), enabled, account.createdAt());
    }

    @Transactional
    public UserView setRoles(String username, Set<Role> roles, String actor) {
        UserAccount account = find(username);
        if (roles == null || roles.isEmpty()) {
            throw new BadRequestException(ProblemText.of("user.noRole", List.of(Role.values())));
        }
        if (username.equals(actor) && account.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
            throw new BadRequestException(ProblemText.of("user.selfAdmin"));
        }
        jdbc.sql("delete from user_roles where user_id = ?").param(account.id()).update();
        roles.forEach(role -> jdbc.sql("insert into user_roles (user_id, role) values (?, ?)").params(account.id(), role.name()).update());
        revocations.revokeUser(username);
        audit.record(SecurityEventType.ROLES_CHANGED, username, actor, null, sorted(account.roles()) + " -> " + sorted(roles));
        events.record("user.roles-changed", "user", username, actor, Map.of("from", sorted(account.roles()), "to", sorted(roles)));
        return new UserView(username, EnumSet.copyOf(roles), account.enabled(), account.createdAt());
    }

    @Transactional
    public void changeOwnPassword(String username, String currentPassword, String newPassword) {
        UserAccount account = find(username);
        Optional<Duration> blocked = throttle.passwordChangeBlockedFor(username);
        if (blocked.isPresent()) {
            audit.record(SecurityEventType.PASSWORD_CHANGE_THROTTLED, username, username, null, null);
            throw new TooManyAttemptsException(blocked.get());
        }
        if (!passwords.matches(currentPassword, account.passwordHash())) {
            throttle.passwordChangeFailed(username);
            audit.record(SecurityEventType.PASSWORD_CHANGE_FAILED, username, username, null, "wrong current password");
            throw new BadRequestException(ProblemText.of("user.wrongCurrentPassword"));
        }
        throttle.passwordChangeSucceeded(username);
        checkPassword(newPassword);
        jdbc.sql("update users set password_hash = ? where username = ?").params(passwords.encode(newPassword), username).update();
        revocations.revokeUser(username);
        audit.record(SecurityEventType.PASSWORD_CHANGED, username, username, null, null);
        events.record("user.password-changed", "user", username, username, Map.of());
    }

    private UserAccount find(String username) {
        return users.findByUsername(username).orElseThrow(() -> new NotFoundException(ProblemText.of("user.none", username)));
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new BadRequestException(ProblemText.of("user.shortPassword", MIN_PASSWORD_LENGTH));
        }
    }

    private static List<String> sorted(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toList();
    }

    private static UserView view(UserAccount account) {
        return new UserView(account.username(), account.roles(), account.enabled(), account.createdAt());
    }
}

package com.nexusai.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.nexusai.server.web.ProblemText;
import com.nexusai.server.audit.SecurityAuditLog;
import com.nexusai.server.audit.SecurityEventType;
import com.nexusai.server.platform.redis.RedisReplication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Sign-in, refresh and sign-out. */
@Service
class AuthService {

    private final UserAccounts users;
    private final PasswordEncoder passwords;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final Revocations revocations;
    private final LiveSessions sessions;
    private final JwtProperties properties;
    private final LoginThrottle throttle;
    private final SecurityAuditLog audit;
    private final Clock clock;
    private final RedisReplication replication;
    /** Compared against when the user does not exist, so both cases take the same time. */
    private final String dummyHash;

    AuthService(UserAccounts users, PasswordEncoder passwords, AccessTokens accessTokens,
            RefreshTokens refreshTokens, Revocations revocations, LiveSessions sessions, JwtProperties properties,
            LoginThrottle throttle, SecurityAuditLog audit, Clock clock, RedisReplication replication) {
        this.users = users;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
        this.sessions = sessions;
        this.properties = properties;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
        this.replication = replication;
        this.dummyHash = passwords.encode("not-a-real-password-" + System.nanoTime());
    }

    record Tokens(String tokenType, String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn) {
    }

    Tokens login(String username, String password, String address) {
        Optional<Duration> blocked = throttle.blockedFor(username, address);
        if (blocked.isPresent()) {
            audit.record(SecurityEventType.LOGIN_THROTTLED, username, null, address, null);
            throw new TooManyAttemptsException(blocked.get());
        }
        Optional<UserAccount> account = users.findByUsername(username);
        boolean matches = passwords.matches(password, account.map(UserAccount::passwordHash).orElse(dummyHash));
        if (account.isEmpty() || !matches || !account.get().enabled()) {
            throttle.failed(username, address);
            audit.record(SecurityEventType.LOGIN_FAILED, username, null, address,
                    account.isEmpty() ? "unknown user" : !matches ? "wrong password" : "user disabled");
            throw new AuthenticationFailedException(ProblemText.of("auth.invalidCredentials"));
        }
        throttle.succeeded(username, address);
        audit.record(SecurityEventType.LOGIN_OK, username, username, address, null);
        return tokens(account.get(), refreshTokens.startFamily(username));
    }

    Tokens refresh(String refreshToken, String address) {
        return switch (refreshTokens.consume(refreshToken)) {
            case RefreshTokens.Outcome.Valid valid -> {
                UserAccount account = users.findByUsername(valid.username()).filter(UserAccount::enabled)
                        .orElseThrow(() -> new AuthenticationFailedException(ProblemText.of("auth.invalidRefreshToken")));
                yield tokens(account, refreshTokens.issue(account.username(), valid.family()));
            }
            case RefreshTokens.Outcome.Reused reused -> {
                revocations.revokeSession(reused.family());
                audit.record(SecurityEventType.REFRESH_REUSE, reused.username(), null, address,
                        "a used refresh token was presented again; its session was revoked");
                throw new AuthenticationFailedException(ProblemText.of("auth.invalidRefreshToken"));
            }
            case RefreshTokens.Outcome.Unknown unknown ->
                    throw new AuthenticationFailedException(ProblemText.of("auth.invalidRefreshToken"));
        };
    }

    void logout(String username, String sessionId, String address) {
        revocations.revokeSession(sessionId);
        replication.awaitReplicas(); // a failover right after must not bring the session back
        audit.record(SecurityEventType.LOGOUT, username, username, address, null);
    }

    /** Tokens for a session that starts (sign-in) or goes on (refresh): the session is kept alive as long as its refresh token. */
    private Tokens tokens(UserAccount account, RefreshTokens.Issued refresh) {
        sessions.keep(refresh.family(), account.username(), account.roles(), properties.refreshExpiration());
        // on a replica before the answer goes out: a failover must not sign the user out (nexusai.redis.wait-replicas)
        replication.awaitReplicas();
        AccessTokens.Issued access = accessTokens.issue(account.username(), account.roles(), refresh.family());
        long now = clock.instant().getEpochSecond();
        return new Tokens("Bearer", access.token(), access.expiresAt().getEpochSecond() - now, refresh.token(),
                refresh.expiresAt().getEpochSecond() - now);
    }
}

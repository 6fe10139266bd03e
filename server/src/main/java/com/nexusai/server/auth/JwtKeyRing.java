package com.nexusai.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The HS256 keys that sign and verify access tokens. Each key has an id ({@code kid}): the
 * fingerprint of the master secret and a generation number. Keys are derived from the master secret
 * (HMAC-SHA256 as the derivation function, one key per generation), so no key material is stored;
 * instances share only the generation numbers, in PostgreSQL.
 *
 * <p>Rotation without restart: {@link #rotate} makes a new generation the signing key on every
 * instance within {@code key-refresh}; the previous generations keep verifying until tokens they
 * signed have expired. A changed master secret (secret file re-read) is taken the same way, the
 * previous master verifying until its tokens expire.
 */
@Component
public class JwtKeyRing {

    private static final Logger log = LoggerFactory.getLogger(JwtKeyRing.class);
    private static final String DERIVATION_LABEL = "nexusai-jwt-hs256-generation-";

    record Generation(int number, Instant activatedAt) {
    }

    private record Master(byte[] secret, String fingerprint, Instant replacedAt) {
    }

    /** What the request path reads: rebuilt on every change, never per request. */
    private record Keys(OctetSequenceKey signing, JWKSet verification) {
    }

    private final JwtSecretSource secrets;
    private final JdbcClient jdbc;
    private final JwtProperties properties;
    private final Clock clock;
    private volatile Master master;
    private volatile List<Master> previousMasters = List.of();
    private volatile List<Generation> generations = List.of();
    private volatile Keys keys;
    private volatile Instant lastOnDemandLoad = Instant.EPOCH;

    JwtKeyRing(JwtSecretSource secrets, JdbcClient jdbc, JwtProperties properties, Clock clock) {
        this.secrets = secrets;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.master = master(secrets.current(), null);
        jdbc.sql("insert into jwt_key_generations (generation, activated_by) values (1, 'initial') on conflict do nothing").update();
        loadGenerations();
    }

    public OctetSequenceKey signingKey() {
        return keys.signing();
    }

    public JWKSet verificationKeys() {
        return keys.verification();
    }

    /** The current generation number. */
    public int generation() {
        return generations.getLast().number();
    }

    /** Makes a new generation the signing key; returns its number. */
    public int rotate(String actor) {
        int next = jdbc.sql("""
                insert into jwt_key_generations (generation, activated_by)
                select coalesce(max(generation), 0) + 1, ? from jwt_key_generations returning generation""")
                .param(actor).query(Integer.class).single();
        loadGenerations();
        log.info("JWT signing key rotated to generation {} by {}", next, actor);
        return next;
    }

    /** Picks up rotations made by other instances and a changed secret file. */
    @Scheduled(fixedDelayString = "${nexusai.security.jwt.key-refresh:10s}", initialDelayString = "${nexusai.security.jwt.key-refresh:10s}")
    void refresh() {
        reloadSecret();
        loadGenerations();
    }

    /**
     * A token names a key of this master that we do not know yet: another instance rotated moments
     * ago. Reloads the generations, at most once a second. Returns whether anything was reloaded.
     */
    boolean loadForUnknownKeys(Set<String> keyIds) {
        String prefix = master.fingerprint() + ".";
        Instant now = clock.instant();
        boolean ours = keyIds.stream().anyMatch(id -> id.startsWith(prefix));
        if (!ours || lastOnDemandLoad.isAfter(now.minusSeconds(1))) {
            return false;
        }
        lastOnDemandLoad = now;
        int before = generation();
        loadGenerations();
        return generation() != before;
    }

    private void reloadSecret() {
        byte[] current;
        try {
            current = secrets.current();
        } catch (RuntimeException e) {
            log.warn("The JWT secret could not be reloaded, keeping the current one: {}", e.getMessage());
            return;
        }
        Master active = master;
        if (!Arrays.equals(current, active.secret())) {
            Instant now = clock.instant();
            List<Master> previous = new ArrayList<>(previousMasters);
            previous.add(new Master(active.secret(), active.fingerprint(), now));
            previousMasters = List.copyOf(previous);
            master = master(current, null);
            log.info("The JWT secret changed; tokens signed with the previous one stay valid until {}",
                    now.plus(properties.expiration()));
        }
    }

    private synchronized void loadGenerations() {
        generations = jdbc.sql("select generation, activated_at from jwt_key_generations order by generation")
                .query((rs, row) -> new Generation(rs.getInt(1), rs.getTimestamp(2).toInstant())).list();
        keys = buildKeys();
    }

    private Keys buildKeys() {
        Instant now = clock.instant();
        Instant oldestValid = now.minus(properties.expiration());
        List<JWK> verification = new ArrayList<>();
        for (Master candidate : masters()) {
            if (candidate.replacedAt() != null && candidate.replacedAt().isBefore(oldestValid)) {
                continue;
            }
            for (int i = 0; i < generations.size(); i++) {
                boolean current = i == generations.size() - 1;
                // a replaced generation still verifies the tokens it signed until they expire
                if (current || generations.get(i + 1).activatedAt().isAfter(oldestValid)) {
                    verification.add(derive(candidate, generations.get(i).number()));
                }
            }
        }
        previousMasters = previousMasters.stream()
                .filter(m -> m.replacedAt().isAfter(oldestValid)).toList();
        return new Keys(derive(master, generation()), new JWKSet(verification));
    }

    private List<Master> masters() {
        List<Master> all = new ArrayList<>(previousMasters);
        all.add(master);
        return all;
    }

    private static Master master(byte[] secret, Instant replacedAt) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
            String fingerprint = Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 10);
            return new Master(secret.clone(), fingerprint, replacedAt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static OctetSequenceKey derive(Master master, int generation) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master.secret(), "HmacSHA256"));
            byte[] key = mac.doFinal((DERIVATION_LABEL + generation).getBytes(StandardCharsets.UTF_8));
            return new OctetSequenceKey.Builder(key).keyID(master.fingerprint() + "." + generation)
                    .algorithm(JWSAlgorithm.HS256).keyUse(KeyUse.SIGNATURE).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

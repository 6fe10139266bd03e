package com.nexusai.server.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Signs access tokens: HS256 with the key ring's current key, its id in the header. */
@Component
class AccessTokens {

    static final String TYPE_CLAIM = "typ";
    static final String ACCESS_TYPE = "access";
    static final String SESSION_CLAIM = "sid";
    static final String ROLES_CLAIM = "roles";

    private final JwtEncoder encoder;
    private final JwtKeyRing keys;
    private final JwtProperties properties;
    private final Clock clock;

    AccessTokens(JwtEncoder encoder, JwtKeyRing keys, JwtProperties properties, Clock clock) {
        this.encoder = encoder;
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    record Issued(String token, Instant expiresAt) {
    }

    Issued issue(String username, Set<Role> roles, String sessionId) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.expiration());
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(username)
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(expiresAt)
                .id(UUID.randomUUID().toString())
                .claim(TYPE_CLAIM, ACCESS_TYPE)
                .claim(SESSION_CLAIM, sessionId)
                .claim(ROLES_CLAIM, List.copyOf(roles.stream().map(Role::name).sorted().toList()))
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).keyId(keys.signingKey().getKeyID()).build();
        return new Issued(encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue(), expiresAt);
    }
}

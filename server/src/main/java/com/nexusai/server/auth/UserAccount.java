package com.nexusai.server.auth;

import java.time.Instant;
import java.util.Set;

/** A user of NexusAI, as stored in {@code users} and {@code user_roles} (Flyway V1). */
record UserAccount(long id, String username, String passwordHash, boolean enabled, Instant createdAt, Set<Role> roles) {

    UserAccount {
        roles = Set.copyOf(roles);
    }
}

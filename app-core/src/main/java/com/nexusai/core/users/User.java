package com.nexusai.core.users;

import java.time.Instant;
import java.util.Set;

/** A user of the server: the name they sign in with, their roles (the guide's SUPPORT, DEVOPS, DEVELOPER, ADMIN), whether they may. */
public record User(String username, Set<String> roles, boolean enabled, Instant createdAt) {

    public User {
        roles = Set.copyOf(roles);
    }
}

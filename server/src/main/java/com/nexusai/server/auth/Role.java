package com.nexusai.server.auth;

import org.springframework.security.core.Authentication;

/** The roles of NexusAI's users; support staff, DevOps and developers match the guide's escalation levels. */
public enum Role {
    ADMIN, DEVOPS, SUPPORT, DEVELOPER, USER;

    /** Whether the signed-in {@code user} has this role. */
    public boolean heldBy(Authentication user) {
        String authority = "ROLE_" + name();
        return user.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }
}

package com.nexusai.core.api;

import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The roles of the signed-in user, read from the {@code roles} claim of the server's access token. The token is
 * not verified here (the server does that on every call): this only tells the console what to offer.
 */
public record Grants(Set<String> roles) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public Grants {
        roles = Set.copyOf(roles);
    }

    /** Every permission: for a console whose views are tested without a sign-in. */
    public static Grants everything() {
        return new Grants(Set.of("ADMIN", "DEVOPS", "DEVELOPER", "SUPPORT"));
    }

    /** The {@code roles} of a JWT's payload; no role when the token is not one. */
    public static Grants ofAccessToken(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            return new Grants(Set.of());
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            Set<String> roles = new TreeSet<>();
            claims.path("roles").valueStream().map(JsonNode::asString).forEach(roles::add);
            return new Grants(roles);
        } catch (RuntimeException notAToken) {
            return new Grants(Set.of());
        }
    }

    public boolean allow(Permission permission) {
        return permission.roles().stream().anyMatch(roles::contains);
    }

    /** The user's roles in a stable order, for a message ("SUPPORT"). */
    public List<String> sortedRoles() {
        return List.copyOf(new TreeSet<>(roles));
    }
}

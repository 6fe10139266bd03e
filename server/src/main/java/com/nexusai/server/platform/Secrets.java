package com.nexusai.server.platform;

import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets for the embedded servers and the first admin password. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** 24 random bytes, URL-safe Base64: 32 characters, no quoting trouble in any config file. */
    public static String newPassword() {
        return randomToken(24);
    }

    public static String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}

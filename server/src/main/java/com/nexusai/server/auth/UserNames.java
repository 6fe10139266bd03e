package com.nexusai.server.auth;

/** What a user name may be: what every log, shell and URL handles without quoting. */
public final class UserNames {

    public static final String RULE = "3 to 64 characters: letters a-z, digits, '.', '_' and '-', starting with a letter or digit";
    /** For {@code @Pattern(regexp = UserNames.PATTERN, message = UserNames.RULE)}. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{2,63}";

    private UserNames() {
    }
}

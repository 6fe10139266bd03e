package com.nexusai.server.auth;

import java.util.regex.Pattern;

/** What a user name may be: what every log, shell and URL handles without quoting. */
public final class UserNames {

    public static final String RULE = "3 to 64 characters: letters a-z, digits, '.', '_' and '-', starting with a letter or digit";
    public static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,63}");

    private UserNames() {
    }
}

package com.nexusai.server.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import com.nexusai.server.config.MissingConfigurationException;
import com.nexusai.server.platform.DataDirectory;
import com.nexusai.server.platform.EmbeddedPlatform;
import com.nexusai.server.platform.Secrets;
import com.nexusai.server.web.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the user {@code admin} (role ADMIN) on the first start. Its password is
 * {@code NEXUSAI_ADMIN_PASSWORD}; in embedded mode, when that is unset, a generated one is kept in
 * {@code <data-dir>/secrets/admin-password} (mode 0600). In prod a first start without it fails.
 * Safe when several instances start at once: the one that loses the race finds the user taken.
 */
@Component
class InitialAdminAccount implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InitialAdminAccount.class);
    static final String PASSWORD_FILE = "admin-password";

    private final AdminProperties properties;
    private final UserService users;
    private final UserAccounts accounts;
    private final ObjectProvider<EmbeddedPlatform> embedded;

    InitialAdminAccount(AdminProperties properties, UserService users, UserAccounts accounts,
            ObjectProvider<EmbeddedPlatform> embedded) {
        this.properties = properties;
        this.users = users;
        this.accounts = accounts;
        this.embedded = embedded;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        String username = properties.username();
        EmbeddedPlatform platform = embedded.getIfAvailable();
        Path passwordFile = platform == null ? null : platform.dataDirectory().secretFile(PASSWORD_FILE);
        if (exists(username)) {
            if (passwordFile != null && Files.exists(passwordFile)) {
                log.info("Sign in as '{}' with the password in {}", username, passwordFile);
            }
            return;
        }
        String password = properties.initialPassword();
        boolean generated = false;
        if (password == null || password.isBlank()) {
            if (passwordFile == null) {
                throw new MissingConfigurationException("NEXUSAI_ADMIN_PASSWORD",
                        "the first start must create the user '" + username + "'");
            }
            password = Secrets.newPassword();
            generated = true;
        } else if (password.length() < AdminProperties.MIN_PASSWORD_LENGTH) {
            throw new IllegalStateException("NEXUSAI_ADMIN_PASSWORD is too short: use at least "
                    + AdminProperties.MIN_PASSWORD_LENGTH + " characters");
        }
        try {
            users.create(username, password, EnumSet.of(Role.ADMIN), "system");
        } catch (ConflictException createdMeanwhile) {
            return; // another instance created it first
        }
        if (generated) {
            DataDirectory.writePrivateFile(passwordFile, password);
            log.info("Created the user '{}' (ADMIN); its password is in {} (readable by you only)", username, passwordFile);
        } else {
            log.info("Created the user '{}' (ADMIN) with the password from NEXUSAI_ADMIN_PASSWORD", username);
        }
    }

    private boolean exists(String username) {
        return accounts.findByUsername(username).isPresent();
    }
}

package com.nexusai.server.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nexusai.security.login-throttle.*}: failed sign-ins allowed per user name from one address, and per address, in a window (the per-user figure also bounds guesses of the current password when changing it).
 *
 * @param maxFailuresPerUser failed sign-ins allowed for one user name from one address in the window
 * @param maxFailuresPerAddress failed sign-ins allowed from one address in the window
 * @param window how long a failure counts
 */
@ConfigurationProperties("nexusai.security.login-throttle")
public record LoginThrottleProperties(
        @DefaultValue("5") int maxFailuresPerUser,
        @DefaultValue("20") int maxFailuresPerAddress,
        @DefaultValue("15m") Duration window) {
}

package com.nexusai.server.config;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/** Where settings derived from env.sh go: below the command line (which still wins), above everything else. */
final class PropertySources {

    private static final String COMMAND_LINE = "commandLineArgs";

    private PropertySources() {
    }

    static void addBelowCommandLine(ConfigurableEnvironment environment, PropertySource<?> source) {
        if (environment.getPropertySources().contains(COMMAND_LINE)) {
            environment.getPropertySources().addAfter(COMMAND_LINE, source);
        } else {
            environment.getPropertySources().addFirst(source);
        }
    }
}

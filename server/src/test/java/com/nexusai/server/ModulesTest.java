package com.nexusai.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The server's features as Spring Modulith sees them (each direct sub-package of {@code com.nexusai.server} a module):
 * no cycle between them, and a feature reaches another only through its top-level package or a named interface. A
 * feature's failures carry their own HTTP status ({@code web.ProblemException}), so that {@code web} imports none.
 */
class ModulesTest {

    @Test
    void featuresReachEachOtherOnlyThroughTheirInterfacesAndWithoutCycles() {
        ApplicationModules.of(NexusAiServer.class).verify();
    }
}

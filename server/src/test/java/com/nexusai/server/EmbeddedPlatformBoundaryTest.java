package com.nexusai.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The production distribution leaves the embedded platform module out (server/production), so the server may
 * reach it, and the third-party servers it wraps, only where embedded mode runs: the {@code platform} package's
 * starters and the broker's entry in {@code NexusAiServer.main}. Anything else would fail with
 * {@code NoClassDefFoundError} on a production host.
 */
class EmbeddedPlatformBoundaryTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("com.nexusai.server");

    @Test
    void onlyThePlatformsStartersReachTheEmbeddedModule() {
        noClasses().that().resideOutsideOfPackages("com.nexusai.server.platform.postgres", "com.nexusai.server.platform.redis",
                        "com.nexusai.server.platform.kafka", "com.nexusai.server.platform.s3")
                .and().doNotHaveFullyQualifiedName(NexusAiServer.class.getName())
                .should().dependOnClassesThat().resideInAPackage("com.nexusai.embedded..")
                .check(CLASSES);
    }

    @Test
    void theServerNeverReachesTheThirdPartyServersThemselves() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.zonky..", "redis.embedded..", "org.gaul..",
                        "kafka..", "scala..", "org.apache.kafka.metadata..", "org.apache.kafka.raft..", "org.eclipse.jetty..",
                        "org.jclouds..")
                .check(CLASSES);
    }
}

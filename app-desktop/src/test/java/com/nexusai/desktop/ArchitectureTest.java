package com.nexusai.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's shape, checked: views build controls and bind to their view-model; only {@code platform} starts
 * threads or processes and hands work to the FX thread; nothing reads JSON (app-core's typed clients do); view-models
 * know no control; the feature packages do not depend on each other in a circle.
 */
class ArchitectureTest {

    static JavaClasses console;

    @BeforeAll
    static void importConsole() {
        console = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.nexusai.desktop");
    }

    static final ArchRule VIEWS_DO_NOT_CALL_THE_SERVER_OR_START_WORK = noClasses().that().haveSimpleNameEndingWith("View")
            .should().dependOnClassesThat().haveFullyQualifiedName("com.nexusai.core.api.NexusClient")
            .orShould().dependOnClassesThat().resideInAnyPackage("tools.jackson..", "java.util.concurrent..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(Thread.class.getName())
            .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Api")
            .because("a view only builds controls, binds them to its view-model and forwards the user's actions");

    static final ArchRule ONLY_PLATFORM_STARTS_THREADS_OR_PROCESSES = noClasses().that().resideOutsideOfPackage("com.nexusai.desktop.platform..")
            .should().callConstructor(Thread.class, Runnable.class)
            .orShould().callConstructor(Thread.class, Runnable.class, String.class)
            .orShould().callMethod(Thread.class, "ofVirtual")
            .orShould().callMethod(Thread.class, "ofPlatform")
            .orShould().callMethod(Thread.class, "startVirtualThread", Runnable.class)
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
            .orShould().callMethod("javafx.application.Platform", "runLater", Runnable.class.getName())
            .orShould().dependOnClassesThat().haveFullyQualifiedName("javafx.animation.AnimationTimer")
            .because("background work goes through platform.TaskExecutor, which tests replace with a current-thread one");

    static final ArchRule NO_JSON_IN_THE_CONSOLE = noClasses().should().dependOnClassesThat().resideInAPackage("tools.jackson..")
            .because("app-core's typed clients read the server's answers into records");

    static final ArchRule VIEW_MODELS_KNOW_NO_CONTROL = noClasses().that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "atlantafx..", "org.controlsfx..")
            .because("a view-model is tested without a window: its state is properties and lists, its questions go through Dialogs");

    static final ArchRule FEATURES_FREE_OF_CYCLES = slices().matching("com.nexusai.desktop.(*)..").should().beFreeOfCycles();

    @Test
    void viewsOnlyBuildBindAndForward() {
        VIEWS_DO_NOT_CALL_THE_SERVER_OR_START_WORK.check(console);
    }

    @Test
    void onlyPlatformStartsThreadsOrProcesses() {
        ONLY_PLATFORM_STARTS_THREADS_OR_PROCESSES.check(console);
    }

    @Test
    void nothingReadsJson() {
        NO_JSON_IN_THE_CONSOLE.check(console);
    }

    @Test
    void viewModelsKnowNoControl() {
        VIEW_MODELS_KNOW_NO_CONTROL.check(console);
    }

    @Test
    void featurePackagesHaveNoCycle() {
        FEATURES_FREE_OF_CYCLES.check(console);
    }
}

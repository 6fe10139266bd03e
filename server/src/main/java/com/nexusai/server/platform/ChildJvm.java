package com.nexusai.server.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


/**
 * Builds the command that runs this same server code in a new JVM, whether we were started from
 * the packaged jar ({@code java -jar nexusai-server.jar}) or from a class path (tests, IDE).
 */
public final class ChildJvm {

    /** The server's main class, by name: the platform does not depend on the application that starts it. */
    static final String MAIN_CLASS = "com.nexusai.server.NexusAiServer";

    private ChildJvm() {
    }

    public static List<String> command(List<String> jvmOptions, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        String classPath = System.getProperty("java.class.path");
        if (launchedFromBootJar()) {
            command.add("-jar");
            command.add(Path.of(classPath).toAbsolutePath().toString());
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add(MAIN_CLASS);
        }
        command.addAll(List.of(arguments));
        return command;
    }

    private static boolean launchedFromBootJar() {
        return ChildJvm.class.getClassLoader().getClass().getName().startsWith("org.springframework.boot.loader");
    }
}

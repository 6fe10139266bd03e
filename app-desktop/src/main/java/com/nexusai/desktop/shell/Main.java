package com.nexusai.desktop.shell;

import javafx.application.Application;
import picocli.CommandLine;

/**
 * The console's entry point. Not an {@link Application} itself, so that Java's launcher does not start the FX
 * toolkit first: {@code --help} and {@code --version} print and exit with no display at all. Everything else opens
 * the window, where a wrong option is shown with its reason (the console is usually started from a menu).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        CommandLine command = new CommandLine(new ConsoleCommand());
        try {
            command.parseArgs(args);
            if (command.isUsageHelpRequested()) {
                command.usage(System.out);
                return;
            }
            if (command.isVersionHelpRequested()) {
                command.printVersionHelp(System.out);
                return;
            }
        } catch (CommandLine.ParameterException refused) {
            // the window says what is wrong
        }
        Application.launch(ConsoleApp.class, args);
    }
}

package com.nexusai.server.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a child server in a session of its own (util-linux {@code setsid}, which execs in place, so
 * the pid stays the child's), away from the terminal's process group: Ctrl-C then reaches the
 * NexusAI server alone, which stops its servers in order. Where there is no setsid the command runs
 * as is.
 */
public final class DetachedCommand {

    private static final Optional<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
            .filter(Files::isExecutable).findFirst();

    private DetachedCommand() {
    }

    public static List<String> of(List<String> command) {
        if (SETSID.isEmpty()) {
            return command;
        }
        List<String> detached = new ArrayList<>(command.size() + 1);
        detached.add(SETSID.get().toString());
        detached.addAll(command);
        return detached;
    }
}

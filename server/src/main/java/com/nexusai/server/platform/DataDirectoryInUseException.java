package com.nexusai.server.platform;

import java.nio.file.Path;

/** Another NexusAI server already runs on this data directory. */
public class DataDirectoryInUseException extends RuntimeException {

    private final Path directory;
    private final String ownerPid;

    public DataDirectoryInUseException(Path directory, String ownerPid) {
        super("The data directory " + directory + " is in use by another NexusAI server (pid " + ownerPid + ")");
        this.directory = directory;
        this.ownerPid = ownerPid;
    }

    public Path directory() {
        return directory;
    }

    public String ownerPid() {
        return ownerPid;
    }
}

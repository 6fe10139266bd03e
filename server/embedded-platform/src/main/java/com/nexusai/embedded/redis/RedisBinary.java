package com.nexusai.embedded.redis;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import redis.embedded.core.ExecutableProvider;

/** The redis-server binary that embedded-redis ships for this system. */
public final class RedisBinary {

    private RedisBinary() {
    }

    /** Unpacks redis-server into {@code directory} (once; a later call finds it there) and returns it. */
    public static File extractTo(Path directory) throws IOException {
        return ExecutableProvider.newJarResourceProvider(directory.toFile()).get();
    }
}

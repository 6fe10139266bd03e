package com.nexusai.server.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/**
 * The one directory that holds everything the embedded platform keeps: each server's data, the
 * generated secrets (mode 0600), the logs and the unpacked server binaries.
 *
 * <p>It is locked while a server uses it, so two NexusAI servers never share one data directory.
 * The lock is an OS file lock: it goes away with the process, even after a SIGKILL.
 */
public final class DataDirectory implements AutoCloseable {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final String LOCK_FILE = ".lock";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Creates the directory if needed and locks it for this process. */
    public static DataDirectory open(Path root) {
        Path dir = root.toAbsolutePath().normalize();
        try {
            createPrivateDirectories(dir);
            FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String owner = readOwner(channel);
                channel.close();
                throw new DataDirectoryInUseException(dir, owner);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(true);
            return new DataDirectory(dir, channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path root() {
        return root;
    }

    /** A sub-directory, created (private to the user) when missing. */
    public Path directory(String relative) {
        Path dir = root.resolve(relative);
        try {
            createPrivateDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    public Path secretFile(String name) {
        return directory("secrets").resolve(name);
    }

    /**
     * The secret stored under {@code secrets/name}; when there is none yet, the generator's value is
     * stored there first, readable by the owner only.
     */
    public String secret(String name, Supplier<String> generator) {
        Path file = secretFile(name);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            String value = generator.get();
            writePrivateFile(file, value);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the secret " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a file that only its owner can read: created with mode 0600 before any byte is written. */
    public static void writePrivateFile(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (POSIX) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // the OS releases the lock with the process anyway
        }
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        try {
            if (POSIX) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException raced) {
            // created meanwhile: fine
        }
    }

    /** The lock, or null when another process, or this one, holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldByThisJvm) {
            return null;
        }
    }

    private static String readOwner(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            int read = channel.read(buffer, 0);
            return read > 0 ? new String(buffer.array(), 0, read, StandardCharsets.US_ASCII).strip() : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }
}

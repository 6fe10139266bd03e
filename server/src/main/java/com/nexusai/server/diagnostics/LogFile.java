package com.nexusai.server.diagnostics;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The server's log file (the guide's {@code tail -f ... | grep -E "(ERROR|WARN)"}): its last matching
 * lines, and what is appended after an offset. Lines look like the guide's pattern:
 * {@code 2026-11-24 10:00:00.000 [thread] LEVEL logger - message}.
 */
@Component
public class LogFile {

    /** How far back from the end the last lines are looked for. */
    private static final long SCAN_BYTES = 8L * 1024 * 1024;
    private static final Pattern LEVEL = Pattern.compile("^\\S+ \\S+ \\[[^]]*] (TRACE|DEBUG|INFO|WARN|ERROR) ");

    /** Lines at or above a level ({@code ERROR}, {@code WARN}, ...), containing a text (case-insensitive); both optional. */
    public record Filter(String minimumLevel, String text) implements Predicate<String> {

        private static final List<String> ORDER = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

        public Filter {
            if (minimumLevel != null && !ORDER.contains(minimumLevel.toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException("level must be one of " + ORDER);
            }
        }

        @Override
        public boolean test(String line) {
            if (text != null && !text.isBlank() && !line.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT))) {
                return false;
            }
            if (minimumLevel == null) {
                return true;
            }
            var matcher = LEVEL.matcher(line);
            return matcher.find() && ORDER.indexOf(matcher.group(1)) >= ORDER.indexOf(minimumLevel.toUpperCase(Locale.ROOT));
        }
    }

    /** Lines and where the file ended when they were read (to follow from there). */
    public record Chunk(List<String> lines, long endOffset) {
    }

    private final Environment environment;

    LogFile(Environment environment) {
        this.environment = environment;
    }

    /** The log file, or null when the server logs to the console only. */
    public Path path() {
        String name = environment.getProperty("logging.file.name");
        return name == null || name.isBlank() ? null : Path.of(name);
    }

    /** The last {@code count} lines that pass {@code filter}, from the last few MB of the file. */
    public Chunk last(int count, Filter filter) throws IOException {
        Path file = path();
        if (file == null || !Files.exists(file)) {
            return new Chunk(List.of(), 0);
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long end = in.length();
            long start = Math.max(0, end - SCAN_BYTES);
            byte[] bytes = new byte[(int) (end - start)];
            in.seek(start);
            in.readFully(bytes);
            Deque<String> kept = new ArrayDeque<>();
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            for (int i = start > 0 ? 1 : 0; i < lines.size(); i++) {
                if (filter.test(lines.get(i))) {
                    kept.addLast(lines.get(i));
                    if (kept.size() > count) {
                        kept.removeFirst();
                    }
                }
            }
            return new Chunk(List.copyOf(kept), end);
        }
    }

    /** Whole lines appended after {@code offset} that pass {@code filter}; a file rolled over starts again from 0. */
    public Chunk after(long offset, Filter filter) throws IOException {
        Path file = path();
        if (file == null || !Files.exists(file)) {
            return new Chunk(List.of(), 0);
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long end = in.length();
            long from = end < offset ? 0 : offset;
            if (end == from) {
                return new Chunk(List.of(), end);
            }
            byte[] bytes = new byte[(int) Math.min(end - from, SCAN_BYTES)];
            in.seek(from);
            in.readFully(bytes);
            int lastNewline = lastIndexOf(bytes, (byte) '\n');
            if (lastNewline < 0) {
                return new Chunk(List.of(), from);
            }
            String text = new String(bytes, 0, lastNewline + 1, StandardCharsets.UTF_8);
            return new Chunk(text.lines().filter(filter).toList(), from + lastNewline + 1);
        }
    }

    private static int lastIndexOf(byte[] bytes, byte value) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}

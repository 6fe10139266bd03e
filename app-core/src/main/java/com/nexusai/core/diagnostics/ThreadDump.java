package com.nexusai.core.diagnostics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A thread dump as the server gives it ({@code /api/diagnostics/threads}, the JVM's plain-text format):
 * the threads with their state and stack, and the threads caught in a monitor deadlock (each waits to
 * lock a monitor owned by the next, round to the first).
 */
public record ThreadDump(List<Thread> threads, Set<String> deadlocked) {

    public record Thread(String name, long id, String state, String stack) {

        /** Case-insensitive search over the name, state and stack. */
        public boolean matches(String query) {
            String q = query.toLowerCase(Locale.ROOT);
            return q.isBlank() || name.toLowerCase(Locale.ROOT).contains(q) || state.toLowerCase(Locale.ROOT).contains(q)
                    || stack.toLowerCase(Locale.ROOT).contains(q);
        }
    }

    private static final Pattern HEADER = Pattern.compile("^\"(.*)\" - Thread t@(\\d+)");
    private static final Pattern STATE = Pattern.compile("java\\.lang\\.Thread\\.State: (\\S+)");
    private static final Pattern WAITS_FOR = Pattern.compile("- waiting to lock .* owned by \"(.*)\" t@\\d+");

    public ThreadDump {
        threads = List.copyOf(threads);
        deadlocked = Set.copyOf(deadlocked);
    }

    public static ThreadDump parse(String text) {
        List<Thread> threads = new ArrayList<>();
        Map<String, String> waitsFor = new HashMap<>();
        String name = null;
        long id = 0;
        String state = "";
        StringBuilder stack = new StringBuilder();
        for (String line : text.split("\n")) {
            Matcher header = HEADER.matcher(line);
            if (header.find()) {
                if (name != null) {
                    threads.add(new Thread(name, id, state, stack.toString().stripTrailing()));
                }
                name = header.group(1);
                id = Long.parseLong(header.group(2));
                state = "";
                stack.setLength(0);
                continue;
            }
            if (name == null) {
                continue;
            }
            Matcher stateLine = STATE.matcher(line);
            if (state.isEmpty() && stateLine.find()) {
                state = stateLine.group(1);
                continue;
            }
            Matcher waits = WAITS_FOR.matcher(line);
            if (waits.find()) {
                waitsFor.put(name, waits.group(1));
            }
            stack.append(line).append('\n');
        }
        if (name != null) {
            threads.add(new Thread(name, id, state, stack.toString().stripTrailing()));
        }
        return new ThreadDump(threads, deadlocks(waitsFor));
    }

    /** Threads on a cycle of "waits to lock a monitor owned by". */
    private static Set<String> deadlocks(Map<String, String> waitsFor) {
        Set<String> deadlocked = new LinkedHashSet<>();
        for (String start : waitsFor.keySet()) {
            List<String> path = new ArrayList<>();
            String at = start;
            while (at != null && !path.contains(at)) {
                path.add(at);
                at = waitsFor.get(at);
            }
            if (at != null && at.equals(start)) {
                deadlocked.addAll(path);
            }
        }
        return deadlocked;
    }

    /** How many threads are in each state, most first. */
    public Map<String, Long> countByState() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        threads.forEach(t -> counts.merge(t.state(), 1L, Long::sum));
        return counts;
    }
}

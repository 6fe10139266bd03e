package com.nexusai.server.web;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

/**
 * {@code --startup-profile}: Spring records every start-up step (configuration parsing, each bean's creation, the web
 * server), and the server logs the slowest by their own time once it is ready. What a slow start spends its time on,
 * on the host where it is slow (BENCHMARKS.md, "Where the start-up goes").
 */
public final class StartupProfile {

    public static final String FLAG = "--startup-profile";
    /** Enough for every step of this server's start (about 750). */
    private static final int CAPACITY = 5_000;

    /** One step: its own time (without the steps inside it), its total time, its name and what it is about. */
    public record Step(Duration self, Duration total, String name, String about) {
    }

    private StartupProfile() {
    }

    public static boolean requested(String[] args) {
        return Arrays.asList(args).contains(FLAG);
    }

    public static ApplicationStartup recorder() {
        return new BufferingApplicationStartup(CAPACITY);
    }

    /** The {@code limit} slowest steps by their own time; empty when the start was not recorded. */
    public static List<Step> slowest(ApplicationStartup startup, int limit) {
        if (!(startup instanceof BufferingApplicationStartup buffering)) {
            return List.of();
        }
        List<StartupTimeline.TimelineEvent> events = buffering.getBufferedTimeline().getEvents();
        Map<Long, Duration> inside = new HashMap<>();
        for (StartupTimeline.TimelineEvent event : events) {
            Long parent = event.getStartupStep().getParentId();
            if (parent != null) {
                inside.merge(parent, event.getDuration(), Duration::plus);
            }
        }
        return events.stream()
                .map(event -> new Step(event.getDuration().minus(inside.getOrDefault(event.getStartupStep().getId(), Duration.ZERO)),
                        event.getDuration(), event.getStartupStep().getName(), about(event.getStartupStep())))
                .sorted(Comparator.comparing(Step::self).reversed())
                .limit(limit)
                .toList();
    }

    private static String about(StartupStep step) {
        return StreamSupport.stream(step.getTags().spliterator(), false)
                .map(tag -> tag.getKey() + "=" + tag.getValue())
                .collect(Collectors.joining(", "));
    }
}

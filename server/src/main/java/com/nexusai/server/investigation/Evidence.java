package com.nexusai.server.investigation;

/**
 * One fact a finding rests on, as read: where from ({@code metric}, {@code postgres}, {@code redis}), what it is (a
 * metric's name and labels, a session, a setting) and its value, so the operator can check it where it lives.
 */
public record Evidence(String source, String name, String value) {

    Evidence(String source, String name, Object value) {
        this(source, name, String.valueOf(value));
    }

    static Evidence metric(String name, Object value) {
        return new Evidence("metric", name, String.valueOf(value));
    }

    static Evidence postgres(String name, Object value) {
        return new Evidence("postgres", name, String.valueOf(value));
    }

    static Evidence redis(String name, Object value) {
        return new Evidence("redis", name, String.valueOf(value));
    }
}

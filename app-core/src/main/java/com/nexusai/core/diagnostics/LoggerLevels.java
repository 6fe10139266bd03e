package com.nexusai.core.diagnostics;

/** A logger's level as set on the server ({@code configured}, empty when it inherits) and the one in effect. */
public record LoggerLevels(String configured, String effective) {
}

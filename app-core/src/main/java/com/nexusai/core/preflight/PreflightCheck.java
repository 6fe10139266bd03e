package com.nexusai.core.preflight;

/** One preflight check (guide §1, §2.1): what was found against what the guide asks, and what to do when not OK. */
public record PreflightCheck(String name, String status, String found, String expected, String advice) {
}

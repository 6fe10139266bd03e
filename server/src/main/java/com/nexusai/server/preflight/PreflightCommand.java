package com.nexusai.server.preflight;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar nexusai-server.jar --preflight [--spring.profiles.active=prod]}: loads the
 * configuration as the server would (profiles, the guide's variables), starts nothing, prints one
 * line per check and exits with 0, or 1 when a check FAILs (2 when the configuration itself is
 * incomplete; Spring Boot then says what is missing).
 */
public final class PreflightCommand {

    public static final String FLAG = "--preflight";

    private PreflightCommand() {
    }

    public static int run(String[] args, PrintStream out) {
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            if (!arg.equals(FLAG)) {
                rest.add(arg);
            }
        }
        rest.add("--nexusai.preflight=true");
        rest.add("--logging.file.name=");
        rest.add("--logging.level.root=ERROR");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PreflightCommand.class).web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(rest.toArray(String[]::new))) {
            List<Preflight.Check> checks = new Preflight(context.getEnvironment()).run();
            out.println(format(checks));
            return Preflight.failed(checks) ? 1 : 0;
        } catch (RuntimeException e) {
            out.println("FAIL  configuration: " + e.getMessage());
            return 2;
        }
    }

    static String format(List<Preflight.Check> checks) {
        StringBuilder text = new StringBuilder("NexusAI preflight\n");
        for (Preflight.Check check : checks) {
            text.append(String.format("%-4s  %-24s %-44s %s%n", check.status(), check.name(), check.found(), check.expected()));
            if (!check.advice().isBlank() && check.status() != Preflight.Status.OK) {
                text.append("      -> ").append(check.advice()).append('\n');
            }
        }
        long failed = checks.stream().filter(c -> c.status() == Preflight.Status.FAIL).count();
        long warned = checks.stream().filter(c -> c.status() == Preflight.Status.WARN).count();
        return text.append(failed == 0 ? "Ready" : "Not ready").append(": ").append(failed).append(" FAIL, ").append(warned).append(" WARN")
                .toString();
    }
}

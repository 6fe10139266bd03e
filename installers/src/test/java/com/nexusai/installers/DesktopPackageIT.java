package com.nexusai.installers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop packages the build made (installers/desktop/package.sh): what the .deb declares and holds, and
 * the .deb installed on this machine, its console started under Xvfb to its first screen, then removed.
 */
class DesktopPackageIT {

    private static final Path PACKAGES = Path.of(System.getProperty("nexusai.packages", "target/packages"));
    private static final String VERSION = System.getProperty("nexusai.version", "0.1.0").replace("-SNAPSHOT", "");
    private static final Path DEB = PACKAGES.resolve("nexusai-console_" + VERSION + "_amd64.deb");
    private static final Path ARCHIVE = PACKAGES.resolve("nexusai-console-" + VERSION + "-linux-x64.tar.xz");
    /** The goal for the .deb, server included (BENCHMARKS.md, "Desktop package"). */
    private static final long DEB_BUDGET = 150L * 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void theDebDeclaresGtkAndGlAPlainVersionAndHoldsTheConsoleAndTheServer() throws Exception {
        assertThat(DEB).exists();
        assertThat(Files.size(DEB)).as("the .deb's size").isLessThan(DEB_BUDGET);
        Command fields = Command.run("dpkg-deb", "--field", DEB.toString(), "Package", "Version", "Architecture", "Depends", "Description");
        assertThat(fields.exit()).isZero();
        assertThat(fields.output()).contains("Package: nexusai-console", "Version: " + VERSION, "Architecture: amd64",
                "Description: admin console for the NexusAI platform").doesNotContain("SNAPSHOT");
        String depends = fields.output().lines().filter(line -> line.startsWith("Depends:")).findFirst().orElseThrow();
        assertThat(depends).contains("libgtk-3-0", "libgl1");

        Command contents = Command.run("dpkg-deb", "--contents", DEB.toString());
        assertThat(contents.output()).contains("./usr/lib/nexusai-console/bin/nexusai-console",
                "./usr/lib/nexusai-console/lib/runtime/server/nexusai-server.jar", "./usr/lib/nexusai-console/lib/app/nexusai-console.aot",
                // the command, the menu entry and its icon belong to the package: dpkg removes them with it
                "./usr/bin/nexusai-console -> ../lib/nexusai-console/bin/nexusai-console",
                "./usr/share/applications/nexusai-console.desktop", "./usr/share/icons/hicolor/256x256/apps/nexusai-console.png",
                "./usr/share/man/man1/nexusai-console.1.gz", "./usr/share/doc/nexusai-console/copyright")
                .doesNotContain("./opt/");
        Command entry = Command.run("sh", "-c", "dpkg-deb --fsys-tarfile \"$0\" | tar -xO ./usr/share/applications/nexusai-console.desktop", DEB.toString());
        assertThat(entry.output()).contains("Name=NexusAI Console", "Name[fr]=Console NexusAI", "Exec=nexusai-console", "Icon=nexusai-console");
        Command control = Command.run("sh", "-c", "dpkg-deb --ctrl-tarfile \"$0\" | tar -t", DEB.toString());
        assertThat(control.output()).as("no maintainer script: nothing is made at install time").doesNotContain("postinst", "prerm", "postrm", "preinst");
    }

    @Test
    void lintianHasNothingToSayButWhatTheOverridesExplain() throws Exception {
        assertThat(DEB).exists();
        Command lintian = Command.run("lintian", "--tag-display-limit", "0", "--fail-on", "error,warning", DEB.toString());
        List<String> tags = lintian.output().lines().filter(line -> line.matches("^[EWI]: .*")).toList();
        assertThat(tags).as(lintian.output()).isEmpty();
        assertThat(lintian.exit()).as(lintian.output()).isZero();
    }

    @Test
    void theArchiveHoldsTheSameApplicationImage() throws Exception {
        assertThat(ARCHIVE).exists();
        Command list = Command.run("tar", "-tJf", ARCHIVE.toString());
        assertThat(list.exit()).isZero();
        assertThat(list.output()).contains("nexusai-console/bin/nexusai-console", "nexusai-console/lib/runtime/bin/java",
                "nexusai-console/lib/runtime/server/nexusai-server.jar", "nexusai-console/lib/app/nexusai-console.cfg");
    }

    /** The installed console, started by its launcher under {@code display}, run to its exit; its output. */
    private String runInstalled(String display, String javaOptions, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/nexusai-console"));
        command.addAll(List.of(args));
        ProcessBuilder console = new ProcessBuilder(command).redirectErrorStream(true);
        console.environment().put("DISPLAY", display);
        console.environment().put("JAVA_TOOL_OPTIONS", "-Dnexusai.first-frame=exit -Dprism.order=sw -Duser.home=" + tmp + " " + javaOptions);
        Process started = console.start();
        String output = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(started.waitFor(180, TimeUnit.SECONDS)).as("the console quit after its first frame").isTrue();
        assertThat(started.exitValue()).as(output).isZero();
        return output;
    }

    private static boolean installed() throws Exception {
        return Command.run("dpkg-query", "--show", "--showformat=${Status}", "nexusai-console").output().contains("install ok installed");
    }

    @Test
    void theInstalledConsoleReachesItsFirstScreenAndIsRemovedCleanly() throws Exception {
        assertThat(DEB).exists();
        assumeTrue("0".equals(Command.run("id", "-u").output().strip()),
                "installing the .deb needs root (CI runs as root): not installed and started here");
        assumeFalse(installed(), "nexusai-console is already installed on this machine: the test leaves an admin's installation alone");
        Path launcher = Path.of("/usr/bin/nexusai-console");
        try {
            Command install = Command.run("dpkg", "-i", DEB.toString());
            assertThat(install.exit()).as(install.output()).isZero();
            assertThat(Files.isExecutable(Path.of("/usr/lib/nexusai-console/bin/nexusai-console"))).isTrue();
            assertThat(Files.isSymbolicLink(launcher)).isTrue();

            Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                String display = ":" + new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.UTF_8)).readLine().strip();
                // the sign-in screen; the launcher's JVM reads JAVA_TOOL_OPTIONS: report the screen's first frame,
                // then quit; a home of its own; say how the AOT cache was used
                String output = runInstalled(display, "-Dnexusai.first-frame.of=connect -Xlog:aot=info");
                Matcher firstFrame = Pattern.compile("first-frame connect (\\d+) ms").matcher(output);
                assertThat(firstFrame.find()).as(output).isTrue();
                System.out.println("installed console: sign-in screen painted " + firstFrame.group(1) + " ms after its start");
                // the cache trained at packaging time is valid where the package installed it
                assertThat(output).contains("Opened AOT cache /usr/lib/nexusai-console/lib/app/nexusai-console.aot",
                        "Using AOT-linked classes: true").doesNotContain("[warning][aot]", "[error][aot]");
                // JavaFX unpacked its native libraries under the given home: the console ran from the installed runtime
                assertThat(tmp.resolve(".openjfx")).isDirectory();

                // "Start a local server" (--local): the server jar inside the package, run by the package's own
                // runtime, in embedded mode; the console signs in and paints its first dashboard, then quits
                String local = runInstalled(display, "", "--local", "--data-dir=" + tmp.resolve("local"));
                Matcher dashboard = Pattern.compile("first-frame dashboard (\\d+) ms").matcher(local);
                assertThat(dashboard.find()).as(local).isTrue();
                System.out.println("installed console: local server started and first dashboard painted " + dashboard.group(1) + " ms after its start");
                assertThat(tmp.resolve("local/secrets/admin-password")).as("the local server's data directory").exists();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").contains(tmp.resolve("local").toString())))
                        .as("the local server and its PostgreSQL, Redis and Kafka stopped with the console").isEmpty());
            } finally {
                xvfb.destroy();
            }
        } finally {
            Command remove = Command.run("dpkg", "--purge", "nexusai-console");
            assertThat(remove.exit()).as(remove.output()).isZero();
        }
        assertThat(Command.run("dpkg-query", "--show", "--showformat=${Status}", "nexusai-console").output())
                .as("dpkg has no record of it left").doesNotContain("installed", "config-files");
        assertThat(Path.of("/usr/lib/nexusai-console")).doesNotExist();
        assertThat(Path.of("/usr/share/applications/nexusai-console.desktop")).doesNotExist();
        assertThat(Files.exists(launcher, LinkOption.NOFOLLOW_LINKS)).isFalse();
    }
}

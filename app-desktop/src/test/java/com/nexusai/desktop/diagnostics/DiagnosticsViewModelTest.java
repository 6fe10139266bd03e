package com.nexusai.desktop.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import com.nexusai.core.api.EventStream;
import com.nexusai.core.api.NexusClient;
import com.nexusai.core.api.Grants;
import com.nexusai.core.diagnostics.DiagnosticsApi;
import com.nexusai.core.diagnostics.HealthNode;
import com.nexusai.core.diagnostics.LoggerLevels;
import com.nexusai.core.diagnostics.ThreadDump;
import com.nexusai.desktop.platform.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diagnostics against a scripted server side, on the current thread. */
class DiagnosticsViewModelTest {

    static final String DUMP = """
            Full thread dump OpenJDK 64-Bit Server VM (25.0.3+9-LTS mixed mode):

            "payments-1" - Thread t@40
               java.lang.Thread.State: BLOCKED
            \t- waiting to lock <1a2b> (a com.nexusai.Account) owned by "payments-2" t@41
            \t- locked <3c4d> (a com.nexusai.Account)

            "payments-2" - Thread t@41
               java.lang.Thread.State: BLOCKED
            \t- waiting to lock <3c4d> (a com.nexusai.Account) owned by "payments-1" t@40
            \t- locked <1a2b> (a com.nexusai.Account)

            "http-nio-8080-exec-1" - Thread t@50
               java.lang.Thread.State: WAITING
            \t- parking to wait for <9f9f> (a java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject)

            "main" - Thread t@1
               java.lang.Thread.State: RUNNABLE
            """;

    @TempDir
    Path tmp;

    final ResourceBundle text = ResourceBundle.getBundle("com.nexusai.desktop.messages", Locale.ENGLISH);
    final List<String> calls = new ArrayList<>();
    List<String> logLines = List.of();
    long heapBytes = 3 * 1048576;
    boolean cancelMidway;

    final DiagnosticsApi api = new DiagnosticsApi() {
        @Override
        public String instance() {
            return "app1:8443";
        }

        @Override
        public HealthNode health() {
            return new HealthNode("health", "DOWN", null, List.of(new HealthNode("db", "DOWN", null,
                    List.of(new HealthNode("error", null, "did not answer in 4 s", List.of()))), new HealthNode("redis", "UP", null, List.of())));
        }

        @Override
        public String threadDump() {
            calls.add("thread dump");
            return DUMP;
        }

        @Override
        public EventStream followLog(int lines, String level, String search) {
            calls.add("follow " + lines + " " + level + " " + search);
            return new EventStream(logLines.stream().flatMap(line -> Stream.of("event:line", "data:" + line, "")));
        }

        @Override
        public List<String> recentLog(int lines, String level) {
            return logLines;
        }

        @Override
        public LoggerLevels logger(String name) {
            return new LoggerLevels("", "INFO");
        }

        @Override
        public LoggerLevels setLogger(String name, String level) throws IOException {
            if (name.isBlank()) {
                throw new NexusClient.ApiException(400, "name: a logger name is required");
            }
            calls.add("set " + name + " " + level);
            return new LoggerLevels(level == null ? "" : level, level == null ? "INFO" : level);
        }

        @Override
        public long downloadHeap(String reason, Path target, NexusClient.Progress progress, BooleanSupplier cancelled) throws IOException {
            calls.add("heap because " + reason);
            for (long done = 1048576; done <= heapBytes; done += 1048576) {
                progress.bytes(done, heapBytes);
                if (cancelMidway && done == 1048576) {
                    return -1;
                }
            }
            Files.write(target, new byte[16]);
            return heapBytes;
        }
    };
    final DiagnosticsViewModel model = new DiagnosticsViewModel(text, () -> api, Grants.everything(), new CurrentThreadTaskExecutor());

    @Test
    void healthSaysWhereItComesFromAndWhatIsDown() {
        model.loadHealth();
        assertThat(model.healthNoteProperty().get()).isEqualTo("app1:8443");
        HealthNode root = model.healthProperty().get();
        assertThat(root.children()).extracting(HealthNode::label).containsExactly("db: DOWN", "redis: UP");
        assertThat(root.children().getFirst().children().getFirst().label()).isEqualTo("error = did not answer in 4 s");
    }

    @Test
    void aDeadlockComesFirstAndTheThreadsFilterByStateAndSearch() {
        model.loadThreads();
        assertThat(model.deadlockProperty().get()).isTrue();
        assertThat(model.threadSummaryProperty().get()).startsWith("4 threads").contains("payments-1").contains("payments-2");
        assertThat(model.threads()).extracting(ThreadDump.Thread::name).startsWith("payments-1", "payments-2");
        assertThat(model.threadStates()).contains(text.getString("diag.threads.allStates"), "BLOCKED", "WAITING", "RUNNABLE");
        model.threadStateProperty().set("WAITING");
        assertThat(model.threads()).extracting(ThreadDump.Thread::name).containsExactly("http-nio-8080-exec-1");
        model.threadStateProperty().set(text.getString("diag.threads.allStates"));
        model.threadSearchProperty().set("main");
        assertThat(model.threads()).extracting(ThreadDump.Thread::name).containsExactly("main");
        model.loadThreads();
        assertThat(model.threads()).as("the search stays across a new dump").extracting(ThreadDump.Thread::name).containsExactly("main");
        model.exportDump(tmp.resolve("threads.txt"));
        assertThat(tmp.resolve("threads.txt")).hasContent(DUMP);
    }

    @Test
    void theLogIsFollowedWithItsFiltersAndHeldWhilePaused() {
        logLines = List.of("10:00:01 WARN slow query", "10:00:02 ERROR pool exhausted");
        model.logLevelProperty().set("WARN");
        model.logSearchProperty().set("pool");
        model.follow();
        assertThat(calls).containsExactly("follow 200 WARN pool");
        assertThat(model.logLines()).containsExactly("10:00:01 WARN slow query", "10:00:02 ERROR pool exhausted");
        assertThat(model.logNoteProperty().get()).endsWith("app1:8443");

        model.logPausedProperty().set(true);
        logLines = List.of("10:00:03 WARN a", "10:00:04 WARN b", "10:00:05 WARN c");
        model.follow();
        assertThat(model.logLines()).as("a new follow starts afresh; paused, nothing is shown").isEmpty();
        assertThat(model.logWaitingProperty().get()).isEqualTo(3);
        model.logPausedProperty().set(false);
        assertThat(model.logLines()).containsExactly("10:00:03 WARN a", "10:00:04 WARN b", "10:00:05 WARN c");
        assertThat(model.logWaitingProperty().get()).isZero();

        model.logLevelProperty().set(DiagnosticsViewModel.ALL_LEVELS);
        model.logSearchProperty().set("");
        model.follow();
        assertThat(calls).last().isEqualTo("follow 200 null ");
    }

    @Test
    void loggerLevelsAreReadAndSetAndARefusalSaysWhy() {
        model.readLogger();
        assertThat(model.loggerNoteProperty().get()).isEqualTo("configured , effective INFO");
        model.setLogger("DEBUG");
        assertThat(calls).containsExactly("set com.nexusai DEBUG");
        assertThat(model.loggerNoteProperty().get()).isEqualTo("configured DEBUG, effective DEBUG");
        model.loggerNameProperty().set(" ");
        model.setLogger(null);
        assertThat(model.loggerNoteProperty().get()).isEqualTo("name: a logger name is required");
    }

    @Test
    void aHeapDumpNeedsAReasonReportsItsProgressAndCanBeCancelled() {
        assertThat(model.canDownloadHeap().get()).isFalse();
        model.heapReasonProperty().set("OOM on app1, ticket 42");
        assertThat(model.canDownloadHeap().get()).isTrue();
        model.downloadHeap(tmp.resolve("heap.hprof"));
        assertThat(calls).containsExactly("heap because OOM on app1, ticket 42");
        assertThat(model.heapNoteProperty().get()).contains("3.0").contains("heap.hprof");
        assertThat(model.heapProgressProperty().get()).isEqualTo(1.0);
        assertThat(model.heapRunningProperty().get()).isFalse();
        cancelMidway = true;
        model.downloadHeap(tmp.resolve("heap2.hprof"));
        assertThat(model.heapNoteProperty().get()).isEqualTo(text.getString("diag.heap.cancelled"));
    }

    @Test
    void supportSeesWhyThreadDumpsLoggerLevelsAndHeapDumpsAreNotOffered() {
        DiagnosticsViewModel support = new DiagnosticsViewModel(text, () -> api, new Grants(java.util.Set.of("SUPPORT")), new CurrentThreadTaskExecutor());
        support.loadThreads();
        assertThat(support.threadSummaryProperty().get()).isEqualTo("Needs one of the roles DEVOPS, DEVELOPER or ADMIN; you are signed in as SUPPORT.");
        support.setLogger("DEBUG");
        assertThat(support.loggerNoteProperty().get()).isEqualTo("Needs one of the roles DEVELOPER or ADMIN; you are signed in as SUPPORT.");
        support.heapReasonProperty().set("OOM on app1");
        assertThat(support.canDownloadHeap().get()).isFalse();
        support.downloadHeap(tmp.resolve("heap.hprof"));
        assertThat(calls).as("nothing asked of the server").isEmpty();
        assertThat(tmp.resolve("heap.hprof")).doesNotExist();
    }

    @Test
    void theRefusalIsSaidInFrenchToo() {
        ResourceBundle french = ResourceBundle.getBundle("com.nexusai.desktop.messages", Locale.FRENCH);
        assertThat(com.nexusai.desktop.platform.RoleGuard.refusal(new Grants(java.util.Set.of("SUPPORT", "DEVELOPER")), com.nexusai.core.api.Permission.DOWNLOAD_HEAP_DUMPS, french))
                .isEqualTo("Réservé au rôle ADMIN ; vous êtes connecté en tant que DEVELOPER, SUPPORT.");
    }
}

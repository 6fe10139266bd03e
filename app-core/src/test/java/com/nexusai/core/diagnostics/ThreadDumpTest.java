package com.nexusai.core.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadDumpTest {

    /** The server's format (Spring Boot's plain-text thread dump), with two threads locked in a deadlock. */
    private static final String DUMP = """
            2026-11-24 12:35:16
            Full thread dump OpenJDK 64-Bit Server VM (25.0.3+9-LTS mixed mode):

            "main" - Thread t@1
               java.lang.Thread.State: RUNNABLE
            \tat java.base@25.0.3/java.lang.Thread.sleep(Native Method)

               Locked ownable synchronizers:
            \t- None

            "payments-1" - Thread t@40
               java.lang.Thread.State: BLOCKED
            \tat com.nexusai.Ledger.debit(Ledger.java:12)
            \t- waiting to lock <1a2b> (a com.nexusai.Account) owned by "payments-2" t@41
            \tat com.nexusai.Ledger.transfer(Ledger.java:30)
            \t- locked <3c4d> (a com.nexusai.Account)

            "payments-2" - Thread t@41
               java.lang.Thread.State: BLOCKED
            \tat com.nexusai.Ledger.debit(Ledger.java:12)
            \t- waiting to lock <3c4d> (a com.nexusai.Account) owned by "payments-1" t@40
            \t- locked <1a2b> (a com.nexusai.Account)

            "reporting" - Thread t@42
               java.lang.Thread.State: BLOCKED
            \t- waiting to lock <1a2b> (a com.nexusai.Account) owned by "payments-2" t@41

            "http-nio-8080-exec-1" - Thread t@50
               java.lang.Thread.State: WAITING
            \t- parking to wait for <9f9f> (a java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject)
            """;

    @Test
    void readsEachThreadWithItsStateAndStack() {
        ThreadDump dump = ThreadDump.parse(DUMP);
        assertThat(dump.threads()).extracting(ThreadDump.Thread::name)
                .containsExactly("main", "payments-1", "payments-2", "reporting", "http-nio-8080-exec-1");
        assertThat(dump.threads().get(1).id()).isEqualTo(40);
        assertThat(dump.threads().get(1).state()).isEqualTo("BLOCKED");
        assertThat(dump.threads().get(1).stack()).contains("Ledger.transfer").doesNotContain("payments-2\" - Thread");
        assertThat(dump.countByState()).containsEntry("BLOCKED", 3L).containsEntry("RUNNABLE", 1L).containsEntry("WAITING", 1L);
    }

    @Test
    void findsTheThreadsOnADeadlockCycleButNotThoseMerelyWaitingOnIt() {
        assertThat(ThreadDump.parse(DUMP).deadlocked()).containsExactlyInAnyOrder("payments-1", "payments-2");
    }

    @Test
    void searchesNamesStatesAndStacks() {
        ThreadDump dump = ThreadDump.parse(DUMP);
        assertThat(dump.threads().stream().filter(t -> t.matches("ledger.debit")).map(ThreadDump.Thread::name))
                .containsExactly("payments-1", "payments-2");
        assertThat(dump.threads().stream().filter(t -> t.matches("ConditionObject")).map(ThreadDump.Thread::name)).containsExactly("http-nio-8080-exec-1");
    }
}

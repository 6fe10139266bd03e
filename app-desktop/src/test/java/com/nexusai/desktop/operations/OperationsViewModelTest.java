package com.nexusai.desktop.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;

import com.nexusai.core.api.Grants;
import com.nexusai.core.api.NexusClient;
import com.nexusai.core.backups.Backup;
import com.nexusai.core.backups.BackupJob;
import com.nexusai.core.backups.BackupsApi;
import com.nexusai.core.maintenance.MaintenanceApi;
import com.nexusai.core.maintenance.MaintenanceJob;
import com.nexusai.core.maintenance.MaintenanceRun;
import com.nexusai.core.preflight.PreflightApi;
import com.nexusai.core.preflight.PreflightCheck;
import com.nexusai.desktop.platform.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;

/** The operations tab against a calendar, backups and preflight kept in memory, on the current thread. */
class OperationsViewModelTest {

    final ResourceBundle text = ResourceBundle.getBundle("com.nexusai.desktop.messages", Locale.ENGLISH);
    final List<String> calls = new ArrayList<>();
    final List<MaintenanceRun> runs = new ArrayList<>(List.of(
            new MaintenanceRun("r1", "weekly-restart", Instant.EPOCH, MaintenanceRun.TO_DO, null, "calendar", "app1", "Restart app1..app3", null, null),
            new MaintenanceRun("r2", "daily-backup", Instant.EPOCH, "succeeded", "admin", "manual", "app1", "3 backups", null, null)));
    final List<Backup> backups = List.of(new Backup("b-ok", "postgres", Backup.Status.SUCCEEDED, Instant.EPOCH, 1024L, null, null, "replica", null),
            new Backup("b-failed", "redis", Backup.Status.FAILED, Instant.EPOCH, null, null, null, null, "refused"));
    IOException refusal;
    /** What the server reports while a job runs, and how it ends. */
    List<BackupJob> jobReports = List.of();
    java.util.function.UnaryOperator<BackupJob> jobEnd = job -> new BackupJob(job.id(), job.action(), job.backupId(), Backup.Status.SUCCEEDED,
            "done", 1024, 1024L, "restored into nexusai_verify_x: 9 tables, every row count equal");

    static BackupJob job(String id, String action, String backupId) {
        return new BackupJob(id, action, backupId, Backup.Status.RUNNING, "starting", 0, 1024L, null);
    }
    boolean confirm = true;
    Optional<String> typedId = Optional.empty();

    final OperationsViewModel.Apis apis = new OperationsViewModel.Apis() {
        @Override
        public MaintenanceApi maintenance() {
            return new MaintenanceApi() {
                @Override
                public List<MaintenanceJob> jobs() {
                    return List.of(new MaintenanceJob("weekly-restart", "Rolling restart", "0 0 3 * * SUN", Instant.EPOCH, runs.getFirst()));
                }

                @Override
                public List<MaintenanceRun> runs(int limit) {
                    return List.copyOf(runs);
                }

                @Override
                public void run(String job) throws IOException {
                    refuseOr("run " + job);
                }

                @Override
                public void markDone(String runId) throws IOException {
                    refuseOr("done " + runId);
                    runs.replaceAll(r -> r.id().equals(runId) ? new MaintenanceRun(r.id(), r.job(), r.startedAt(), "done", r.requestedBy(), r.trigger(),
                            r.node(), r.summary(), "admin", Instant.EPOCH) : r);
                }
            };
        }

        @Override
        public BackupsApi backups() {
            return new BackupsApi() {
                @Override
                public List<Backup> recent(int limit) {
                    return backups;
                }

                @Override
                public List<Backup> start(String kind) {
                    return List.of();
                }

                @Override
                public BackupJob verify(String id) throws IOException {
                    refuseOr("verify " + id);
                    return job("j-verify", "restore-test", id);
                }

                @Override
                public BackupJob restore(String id, String confirm) throws IOException {
                    refuseOr("restore " + id + " confirmed " + confirm);
                    return job("j-restore", "restore", id);
                }

                @Override
                public BackupJob follow(BackupJob job, java.util.function.Consumer<BackupJob> progress) {
                    calls.add("follow " + job.id());
                    for (BackupJob report : jobReports) {
                        progress.accept(report);
                    }
                    return jobEnd.apply(job);
                }
            };
        }

        @Override
        public PreflightApi preflight() {
            return () -> List.of(new PreflightCheck("CPU cores", "FAIL", "2", "4 or more (guide §1.1)", "give it at least 4 cores"));
        }
    };

    final OperationsViewModel model = modelFor(Grants.everything());

    private OperationsViewModel modelFor(Grants grants) {
        return new OperationsViewModel(text, () -> apis, grants, new CurrentThreadTaskExecutor(), new OperationsViewModel.Dialogs() {
            @Override
            public boolean confirm(String question) {
                calls.add("asked: " + question);
                return confirm;
            }

            @Override
            public Optional<String> confirmRestore(Backup backup) {
                calls.add("asked to type " + backup.id());
                return typedId;
            }
        });
    }

    private void refuseOr(String call) throws IOException {
        if (refusal != null) {
            throw refusal;
        }
        calls.add(call);
    }

    @Test
    void everythingIsReadAndAManualStepCanBeMarkedDone() {
        model.refresh();
        assertThat(model.jobs()).extracting(MaintenanceJob::name).containsExactly("weekly-restart");
        assertThat(model.checks()).extracting(PreflightCheck::status).containsExactly("FAIL");
        model.selectedRunProperty().set(model.runs().get(1));
        assertThat(model.canMarkDone().get()).as("not a manual step").isFalse();
        model.selectedRunProperty().set(model.runs().getFirst());
        assertThat(model.canMarkDone().get()).isTrue();
        model.markChosenRunDone();
        assertThat(calls).containsExactly("done r1");
        assertThat(model.messageProperty().get()).isEqualTo(text.getString("ops.marked"));
        assertThat(model.summaryOf(model.runs().getFirst())).startsWith("Restart app1..app3").contains("admin");
    }

    @Test
    void aJobRunsNowOnlyOnceConfirmedAndARefusalSaysWhy() {
        model.refresh();
        model.selectedJobProperty().set(model.jobs().getFirst());
        confirm = false;
        model.runChosenJob();
        assertThat(calls).singleElement().asString().startsWith("asked: ");
        confirm = true;
        refusal = new NexusClient.ApiException(403, "ADMIN only");
        model.runChosenJob();
        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).isEqualTo("ADMIN only");
        refusal = null;
        model.runChosenJob();
        assertThat(calls).contains("run weekly-restart");
        assertThat(model.failedProperty().get()).isFalse();
    }

    @Test
    void onlyASucceededBackupIsRestoredAndOnlyWithItsIdTyped() {
        model.refresh();
        model.selectedBackupProperty().set(model.backups().get(1));
        assertThat(model.canUseBackup().get()).as("a failed run").isFalse();
        model.selectedBackupProperty().set(model.backups().getFirst());
        assertThat(model.canUseBackup().get()).isTrue();
        model.restoreChosenBackup();
        assertThat(calls).as("cancelled").containsExactly("asked to type b-ok");
        typedId = Optional.of("b-ok");
        model.restoreChosenBackup();
        assertThat(calls).containsExactly("asked to type b-ok", "asked to type b-ok", "restore b-ok confirmed b-ok", "follow j-restore");
        assertThat(model.restoringProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).isEqualTo(String.format(text.getString("ops.restored"), "b-ok"));
        model.verifyChosenBackup();
        assertThat(calls).endsWith("verify b-ok", "follow j-verify");
        assertThat(model.messageProperty().get()).isEqualTo("Backup b-ok restores: restored into nexusai_verify_x: 9 tables, every row count equal");
    }

    @Test
    void aRestoreTestIsFollowedOnTheBarAndAFailedOneSaysWhy() {
        model.refresh();
        model.selectedBackupProperty().set(model.backups().getFirst());
        List<Double> bar = new java.util.ArrayList<>();
        List<String> said = new java.util.ArrayList<>();
        model.jobProgressProperty().addListener((observable, before, now) -> bar.add(now.doubleValue()));
        model.messageProperty().addListener((observable, before, now) -> said.add(now));
        jobReports = List.of(new BackupJob("j-verify", "restore-test", "b-ok", Backup.Status.RUNNING, "pg_restore into nexusai_verify_x", 256, 1024L, null),
                new BackupJob("j-verify", "restore-test", "b-ok", Backup.Status.RUNNING, "counting the rows of every table", 1024, 1024L, null));
        jobEnd = job -> new BackupJob(job.id(), job.action(), job.backupId(), Backup.Status.FAILED, "dropping nexusai_verify_x", 1024, 1024L,
                "public.users: 3 rows restored, 4 in the dump's snapshot");

        model.verifyChosenBackup();

        assertThat(bar).containsSubsequence(0.25, 1.0);
        assertThat(said).contains("Restore test (into a scratch database): pg_restore into nexusai_verify_x",
                "Restore test (into a scratch database): counting the rows of every table");
        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).isEqualTo("public.users: 3 rows restored, 4 in the dump's snapshot");
        assertThat(model.restoringProperty().get()).as("the bar goes").isFalse();
    }

    @Test
    void aJobTheServerStopsReportingIsNotCalledDone() {
        model.refresh();
        model.selectedBackupProperty().set(model.backups().getFirst());
        typedId = Optional.of("b-ok");
        jobEnd = job -> new BackupJob(job.id(), job.action(), job.backupId(), Backup.Status.RUNNING, "pg_restore", 512, 1024L, null);
        model.restoreChosenBackup();
        assertThat(model.failedProperty().get()).isTrue();
        assertThat(model.messageProperty().get()).startsWith("The server stopped reporting while it was at \"pg_restore\"");
    }

    @Test
    void devopsRunsTheCalendarButNeitherTouchesBackupsNorRunsPreflight() {
        OperationsViewModel devops = modelFor(new Grants(java.util.Set.of("DEVOPS")));
        devops.refresh();
        assertThat(devops.jobs()).extracting(MaintenanceJob::name).containsExactly("weekly-restart");
        assertThat(devops.backups()).as("ADMIN's: not asked for").isEmpty();
        assertThat(devops.checks()).isEmpty();
        assertThat(devops.failedProperty().get()).as("no refusal to show").isFalse();

        devops.selectedBackupProperty().set(backups.getFirst());
        assertThat(devops.canUseBackup().get()).isFalse();
        typedId = Optional.of("b-ok");
        devops.restoreChosenBackup();
        devops.verifyChosenBackup();
        assertThat(calls).as("neither asked nor sent").isEmpty();

        devops.selectedRunProperty().set(devops.runs().getFirst());
        assertThat(devops.canMarkDone().get()).isTrue();
    }

    @Test
    void supportMayNotRunTheCalendar() {
        OperationsViewModel support = modelFor(new Grants(java.util.Set.of("SUPPORT")));
        support.refresh();
        assertThat(support.jobs()).isEmpty();
        support.selectedJobProperty().set(new MaintenanceJob("weekly-restart", "Rolling restart", "0 0 3 * * SUN", Instant.EPOCH, null));
        support.runChosenJob();
        support.selectedRunProperty().set(runs.getFirst());
        assertThat(support.canMarkDone().get()).isFalse();
        support.markChosenRunDone();
        assertThat(calls).as("no confirmation asked, nothing sent").isEmpty();
    }
}

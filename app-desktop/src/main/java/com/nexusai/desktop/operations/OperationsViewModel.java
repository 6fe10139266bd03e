package com.nexusai.desktop.operations;

import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import com.nexusai.core.api.Grants;
import com.nexusai.core.api.Permission;
import com.nexusai.core.backups.Backup;
import com.nexusai.core.backups.BackupJob;
import com.nexusai.core.backups.BackupsApi;
import com.nexusai.core.maintenance.MaintenanceApi;
import com.nexusai.core.maintenance.MaintenanceJob;
import com.nexusai.core.maintenance.MaintenanceRun;
import com.nexusai.core.preflight.PreflightApi;
import com.nexusai.core.preflight.PreflightCheck;
import com.nexusai.desktop.platform.TaskExecutor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The operations tab without a control: the maintenance calendar and its runs (run a job now, mark a manual step done),
 * the backups (verify one, restore one after the user typed its id) and the preflight checks.
 */
public final class OperationsViewModel {

    /** The selected instance's clients, asked for each call (the instance may change). */
    public interface Apis {
        MaintenanceApi maintenance();

        BackupsApi backups();

        PreflightApi preflight();

        static Apis over(com.nexusai.core.api.NexusClient client) {
            MaintenanceApi maintenance = MaintenanceApi.over(client);
            BackupsApi backups = BackupsApi.over(client);
            PreflightApi preflight = PreflightApi.over(client);
            return new Apis() {
                @Override
                public MaintenanceApi maintenance() {
                    return maintenance;
                }

                @Override
                public BackupsApi backups() {
                    return backups;
                }

                @Override
                public PreflightApi preflight() {
                    return preflight;
                }
            };
        }
    }

    /** What the tab asks the user; dialogs in the console, scripted answers in tests. */
    public interface Dialogs {

        boolean confirm(String question);

        /** The id the user typed to confirm restoring {@code backup} (the dialog accepts only the right one); empty when cancelled. */
        Optional<String> confirmRestore(Backup backup);
    }

    private final ResourceBundle text;
    private final Supplier<Apis> apis;
    private final TaskExecutor tasks;
    private final Dialogs dialogs;
    private final ObservableList<MaintenanceJob> jobs = FXCollections.observableArrayList();
    private final ObservableList<MaintenanceRun> runs = FXCollections.observableArrayList();
    private final ObservableList<Backup> backups = FXCollections.observableArrayList();
    private final ObservableList<PreflightCheck> checks = FXCollections.observableArrayList();
    private final ObjectProperty<MaintenanceJob> selectedJob = new SimpleObjectProperty<>();
    private final ObjectProperty<MaintenanceRun> selectedRun = new SimpleObjectProperty<>();
    private final ObjectProperty<Backup> selectedBackup = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper restoring = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper jobProgress = new ReadOnlyDoubleWrapper(-1);
    private final Grants grants;
    private final BooleanBinding canMarkDone;
    private final BooleanBinding canUseBackup;

    /** @param grants what the signed-in role may do: the calendar is DevOps' and ADMIN's, backups and preflight ADMIN's */
    public OperationsViewModel(ResourceBundle text, Supplier<Apis> apis, Grants grants, TaskExecutor tasks, Dialogs dialogs) {
        this.text = text;
        this.apis = apis;
        this.grants = grants;
        this.tasks = tasks;
        this.dialogs = dialogs;
        boolean mayRun = grants.allow(Permission.RUN_MAINTENANCE);
        boolean mayBackUp = grants.allow(Permission.MANAGE_BACKUPS);
        this.canMarkDone = Bindings.createBooleanBinding(() -> mayRun && selectedRun.get() != null && selectedRun.get().toDo(), selectedRun);
        this.canUseBackup = Bindings.createBooleanBinding(
                () -> mayBackUp && selectedBackup.get() != null && selectedBackup.get().status() == Backup.Status.SUCCEEDED, selectedBackup);
    }

    public Grants grants() {
        return grants;
    }

    public ObservableList<MaintenanceJob> jobs() {
        return jobs;
    }

    public ObservableList<MaintenanceRun> runs() {
        return runs;
    }

    public ObservableList<Backup> backups() {
        return backups;
    }

    public ObservableList<PreflightCheck> checks() {
        return checks;
    }

    public ObjectProperty<MaintenanceJob> selectedJobProperty() {
        return selectedJob;
    }

    public ObjectProperty<MaintenanceRun> selectedRunProperty() {
        return selectedRun;
    }

    public ObjectProperty<Backup> selectedBackupProperty() {
        return selectedBackup;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** True while a restore or a restore test runs on the server, followed here. */
    public ReadOnlyBooleanProperty restoringProperty() {
        return restoring.getReadOnlyProperty();
    }

    /** How far the running restore or restore test is, 0 to 1; -1 while unknown (the bar is then indeterminate). */
    public ReadOnlyDoubleProperty jobProgressProperty() {
        return jobProgress.getReadOnlyProperty();
    }

    public BooleanBinding canMarkDone() {
        return canMarkDone;
    }

    /** A succeeded backup is chosen: it can be verified or restored. */
    public BooleanBinding canUseBackup() {
        return canUseBackup;
    }

    /** The chosen run's summary, and who marked it done. */
    public String summaryOf(MaintenanceRun run) {
        if (run == null) {
            return "";
        }
        String summary = run.summary() == null ? "" : run.summary();
        return run.doneBy() == null || run.doneBy().isBlank() ? summary
                : summary + "\n\n" + String.format(text.getString("ops.doneBy"), run.doneBy(), run.doneAt() == null ? "" : com.nexusai.desktop.platform.Tables.time(run.doneAt().toString()));
    }

    /** Reads again what the signed-in role may see (the server would refuse the rest). */
    public void refresh() {
        if (grants.allow(Permission.RUN_MAINTENANCE)) {
            load(() -> apis.get().maintenance().jobs(), jobs);
            load(() -> apis.get().maintenance().runs(100), runs);
        }
        if (grants.allow(Permission.MANAGE_BACKUPS)) {
            load(() -> apis.get().backups().recent(50), backups);
        }
        runPreflight();
    }

    public void runPreflight() {
        if (grants.allow(Permission.RUN_PREFLIGHT)) {
            load(() -> apis.get().preflight().run(), checks);
        }
    }

    private <T> void load(Callable<java.util.List<T>> read, ObservableList<T> into) {
        tasks.run(read, into::setAll, this::refused);
    }

    public void runChosenJob() {
        MaintenanceJob job = selectedJob.get();
        if (job != null && grants.allow(Permission.RUN_MAINTENANCE) && dialogs.confirm(String.format(text.getString("ops.runConfirm"), job.name()))) {
            act(() -> apis.get().maintenance().run(job.name()), String.format(text.getString("ops.started"), job.name()));
        }
    }

    public void markChosenRunDone() {
        MaintenanceRun run = selectedRun.get();
        if (canMarkDone.get()) {
            act(() -> apis.get().maintenance().markDone(run.id()), text.getString("ops.marked"));
        }
    }

    /** A restore test of the chosen backup, followed to its end on the progress bar. */
    public void verifyChosenBackup() {
        Backup backup = selectedBackup.get();
        if (canUseBackup.get()) {
            follow(text.getString("ops.verifying"), () -> apis.get().backups().verify(backup.id()),
                    done -> String.format(text.getString("ops.verified"), backup.id(), done.detail()));
        }
    }

    /** A restore replaces live data: the user types the backup's id to confirm it, and the server checks it again. */
    public void restoreChosenBackup() {
        Backup backup = selectedBackup.get();
        if (!canUseBackup.get()) {
            return;
        }
        dialogs.confirmRestore(backup).ifPresent(typed -> follow(text.getString("ops.restoring"),
                () -> apis.get().backups().restore(backup.id(), typed), done -> String.format(text.getString("ops.restored"), backup.id())));
    }

    /**
     * Starts a job on the server and follows it: the bar shows the dump read so far and the message the server's step,
     * until it ends; a job that failed says why. One job at a time from this tab.
     */
    private void follow(String starting, Callable<BackupJob> start, java.util.function.Function<BackupJob, String> succeeded) {
        restoring.set(true);
        jobProgress.set(-1);
        failed.set(false);
        message.set(starting);
        tasks.execute(com.nexusai.desktop.platform.BackgroundTask.<BackupJob>withProgress(progress -> {
            BackupJob job = start.call();
            BackupJob ended = apis.get().backups().follow(job, now -> progress.update(now.bytesDone(),
                    now.bytesTotal() == null ? -1 : now.bytesTotal(), now.step()));
            if (ended.running()) {
                throw new java.io.IOException(String.format(text.getString("ops.jobLost"), ended.step()));
            }
            if (ended.status() != Backup.Status.SUCCEEDED) {
                throw new java.io.IOException(ended.detail());
            }
            return ended;
        }).onProgress(step -> {
            jobProgress.set(step.fraction());
            message.set(starting + " " + step.message());
        }).onSuccess(done -> {
            message.set(succeeded.apply(done));
            refresh();
        }).onFailure(failure -> {
            refused(failure);
            refresh();
        }).onFinished(() -> restoring.set(false)));
    }

    private interface Call {
        void call() throws Exception;
    }

    private void act(Call call, String done) {
        tasks.run(() -> {
            call.call();
            return done;
        }, said -> {
            failed.set(false);
            message.set(said);
            refresh();
        }, this::refused);
    }

    private void refused(Throwable failure) {
        failed.set(true);
        message.set(failure.getMessage());
    }
}

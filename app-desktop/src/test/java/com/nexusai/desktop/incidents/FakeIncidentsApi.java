package com.nexusai.desktop.incidents;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nexusai.core.api.NexusClient;
import com.nexusai.core.incidents.Incident;
import com.nexusai.core.incidents.IncidentDetails;
import com.nexusai.core.incidents.IncidentsApi;
import com.nexusai.core.incidents.NewIncident;

/** Incidents kept in memory, with the server's rules that the console relies on; {@link #refusal} answers the next call with it. */
public final class FakeIncidentsApi implements IncidentsApi {

    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final Map<String, List<IncidentDetails.TimelineEntry>> timelines = new LinkedHashMap<>();
    private final Map<String, List<IncidentDetails.ChecklistItem>> checklists = new LinkedHashMap<>();
    private final Map<String, List<IncidentDetails.Snapshot>> snapshots = new LinkedHashMap<>();
    public final List<NewIncident> opened = new ArrayList<>();
    public final List<String> calls = new ArrayList<>();
    public IOException refusal;

    private void maybeRefuse(String call) throws IOException {
        calls.add(call);
        IOException refused = refusal;
        refusal = null;
        if (refused != null) {
            throw refused;
        }
    }

    public static NexusClient.ApiException refused(int status, String message) {
        return new NexusClient.ApiException(status, message);
    }

    private Incident with(String id, Incident.Status status, int level, Instant acknowledgedAt) {
        Incident i = incidents.get(id);
        Incident changed = new Incident(i.id(), i.title(), i.severity(), i.kind(), i.source(), status, level, i.assignee(), i.openedBy(),
                i.openedAt(), acknowledgedAt);
        incidents.put(id, changed);
        return changed;
    }

    private void log(String id, String action, String detail) {
        timelines.get(id).add(new IncidentDetails.TimelineEntry(Instant.EPOCH, "support", action, detail));
    }

    @Override
    public List<Incident> list(Incident.Status status) throws IOException {
        maybeRefuse("list " + status);
        return incidents.values().stream().filter(i -> status == null || i.status() == status).toList().reversed();
    }

    @Override
    public IncidentDetails details(String id) throws IOException {
        maybeRefuse("details " + id);
        return new IncidentDetails(incidents.get(id), "level " + incidents.get(id).level(), List.of(), List.copyOf(checklists.get(id)),
                List.copyOf(timelines.get(id)), List.copyOf(snapshots.get(id)));
    }

    @Override
    public Incident open(NewIncident request) throws IOException {
        maybeRefuse("open");
        opened.add(request);
        String id = "i-" + opened.size();
        incidents.put(id, new Incident(id, request.title(), request.severity(), request.kind() == null ? "application" : request.kind(),
                request.source(), Incident.Status.OPEN, 1, null, "support", Instant.EPOCH, null));
        timelines.put(id, new ArrayList<>(List.of(new IncidentDetails.TimelineEntry(Instant.EPOCH, "support", "opened", null))));
        checklists.put(id, new ArrayList<>(List.of(new IncidentDetails.ChecklistItem(1, 0, "Vérifier", "Check", false, null, null))));
        snapshots.put(id, new ArrayList<>());
        return incidents.get(id);
    }

    @Override
    public void acknowledge(String id) throws IOException {
        maybeRefuse("acknowledge " + id);
        Incident i = incidents.get(id);
        with(id, Incident.Status.ACKNOWLEDGED, i.level(), Instant.EPOCH);
        log(id, "acknowledged", null);
    }

    @Override
    public void note(String id, String text) throws IOException {
        maybeRefuse("note " + id);
        log(id, "note", text);
    }

    @Override
    public void escalate(String id, String why) throws IOException {
        maybeRefuse("escalate " + id);
        Incident i = incidents.get(id);
        with(id, Incident.Status.ESCALATED, i.level() + 1, i.acknowledgedAt());
        log(id, "escalated", why);
    }

    @Override
    public void resolve(String id, String how) throws IOException {
        maybeRefuse("resolve " + id);
        Incident i = incidents.get(id);
        with(id, Incident.Status.RESOLVED, i.level(), i.acknowledgedAt());
        log(id, "resolved", how);
    }

    @Override
    public void takeSnapshot(String id) throws IOException {
        maybeRefuse("snapshot " + id);
        snapshots.get(id).add(new IncidentDetails.Snapshot("s-" + (snapshots.get(id).size() + 1), Instant.EPOCH, "support"));
    }

    @Override
    public void check(String id, int level, int index) throws IOException {
        maybeRefuse("check " + id + " " + level + "/" + index);
        List<IncidentDetails.ChecklistItem> items = checklists.get(id);
        items.replaceAll(item -> item.level() == level && item.index() == index
                ? new IncidentDetails.ChecklistItem(level, index, item.fr(), item.en(), true, "support", Instant.EPOCH) : item);
    }

    @Override
    public String snapshot(String id, String snapshotId, boolean withThreadDump) throws IOException {
        maybeRefuse("read snapshot " + snapshotId);
        return "{\n  \"snapshot\" : \"" + snapshotId + "\"\n}";
    }
}

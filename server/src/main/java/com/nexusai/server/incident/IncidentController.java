package com.nexusai.server.incident;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import com.nexusai.server.web.ProblemLanguage;
import com.nexusai.server.web.ProblemText;
import com.nexusai.server.auth.Role;
import com.nexusai.server.web.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/incidents}: SUPPORT, DEVOPS, DEVELOPER and ADMIN open, read, acknowledge, note and check;
 * escalating and resolving take DEVOPS or above (the security configuration says so per path).
 */
@Tag(name = "Incidents")
@RestController
@RequestMapping("/api/incidents")
class IncidentController {

    record OpenRequest(String title, String severity, String kind, String source) {
    }

    record TextRequest(String text) {
    }

    private final IncidentService incidents;

    IncidentController(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Operation(summary = "Opens an incident")
    @PostMapping
    ResponseEntity<Incident> open(@RequestBody OpenRequest request, Authentication user) {
        Incident incident = incidents.open(request.title(), request.severity(), request.kind(), request.source(), user.getName());
        return ResponseEntity.created(URI.create("/api/incidents/" + incident.id())).body(incident);
    }

    @Operation(summary = "Lists incidents, newest first")
    @GetMapping
    List<Incident> list(@RequestParam(required = false) String status, @RequestParam(required = false) Integer level,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException(ProblemText.of("limit.range", 1000));
        }
        return incidents.list(status, level, limit);
    }

    @Operation(summary = "Reads an incident with its timeline and checklist")
    @GetMapping("/{id}")
    Incident.Details get(@PathVariable UUID id, HttpServletRequest request) {
        return incidents.details(id, ProblemLanguage.of(request));
    }

    @Operation(summary = "Acknowledges an incident")
    @PostMapping("/{id}/acknowledge")
    Incident acknowledge(@PathVariable UUID id, Authentication user) {
        return incidents.acknowledge(id, user.getName());
    }

    @Operation(summary = "Adds a note to an incident's timeline")
    @PostMapping("/{id}/notes")
    Incident note(@PathVariable UUID id, @RequestBody TextRequest request, Authentication user) {
        return incidents.note(id, request.text(), user.getName());
    }

    @Operation(summary = "Checks an item of the incident's checklist at a level")
    @PostMapping("/{id}/checklist/{level}/{item}")
    Incident check(@PathVariable UUID id, @PathVariable int level, @PathVariable int item, Authentication user) {
        return incidents.check(id, level, item, user.getName());
    }

    @Operation(summary = "Escalates an incident to the next level")
    @PostMapping("/{id}/escalate")
    Incident escalate(@PathVariable UUID id, @RequestBody(required = false) TextRequest request, Authentication user) {
        return incidents.escalate(id, request == null ? null : request.text(), user.getName());
    }

    @Operation(summary = "Resolves an incident")
    @PostMapping("/{id}/resolve")
    Incident resolve(@PathVariable UUID id, @RequestBody(required = false) TextRequest request, Authentication user) {
        return incidents.resolve(id, request == null ? null : request.text(), user.getName());
    }

    @Operation(summary = "Takes a diagnostics snapshot into the incident")
    @PostMapping("/{id}/snapshots")
    Incident.Details snapshot(@PathVariable UUID id, Authentication user, HttpServletRequest request) {
        incidents.snapshot(id, user.getName());
        return incidents.details(id, ProblemLanguage.of(request));
    }

    @Operation(summary = "Downloads a snapshot taken into the incident")
    @GetMapping("/{id}/snapshots/{snapshot}")
    ResponseEntity<String> download(@PathVariable UUID id, @PathVariable UUID snapshot, Authentication user) {
        boolean diagnosticsRights = Role.DEVOPS.heldBy(user) || Role.DEVELOPER.heldBy(user) || Role.ADMIN.heldBy(user);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("incident-" + id + "-snapshot-" + snapshot + ".json").build().toString())
                .body(incidents.snapshotContent(id, snapshot, diagnosticsRights));
    }
}

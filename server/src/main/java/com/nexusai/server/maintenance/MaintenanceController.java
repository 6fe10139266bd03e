package com.nexusai.server.maintenance;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import com.nexusai.server.web.ProblemLanguage;
import com.nexusai.server.web.ProblemText;
import com.nexusai.server.web.BadRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/admin/maintenance} (ADMIN, DEVOPS): the calendar with last and next runs, the history,
 * run a job now, mark a to-do task done. {@code /api/maintenance/windows} (anyone signed in, and the
 * console's alert engine): the coming windows, during which alerts may be silenced.
 */
@Tag(name = "Maintenance")
@RestController
class MaintenanceController {

    private final MaintenanceCalendar calendar;

    MaintenanceController(MaintenanceCalendar calendar) {
        this.calendar = calendar;
    }

    @Operation(summary = "Lists the maintenance calendar's jobs with their next run")
    @GetMapping("/api/admin/maintenance")
    List<MaintenanceCalendar.JobView> jobs(HttpServletRequest request) {
        return calendar.jobs(ProblemLanguage.of(request));
    }

    @Operation(summary = "Reads the history of maintenance runs")
    @GetMapping("/api/admin/maintenance/runs")
    List<MaintenanceRun> history(@RequestParam(required = false) String job, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException(ProblemText.of("limit.range", 1000));
        }
        return calendar.history(job, limit);
    }

    @Operation(summary = "Runs a maintenance job now")
    @PostMapping("/api/admin/maintenance/{job}/run")
    ResponseEntity<MaintenanceRun> run(@PathVariable String job, Authentication user) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(calendar.runNow(job, user.getName()));
    }

    @Operation(summary = "Marks a manual maintenance run as done")
    @PostMapping("/api/admin/maintenance/runs/{id}/done")
    MaintenanceRun done(@PathVariable UUID id, Authentication user) {
        return calendar.markDone(id, user.getName());
    }

    @Operation(summary = "Lists the maintenance windows of the coming days")
    @GetMapping("/api/maintenance/windows")
    List<MaintenanceCalendar.Window> windows(@RequestParam(defaultValue = "14") int days) {
        if (days < 1 || days > 366) {
            throw new BadRequestException(ProblemText.of("maintenance.days"));
        }
        return calendar.windows(days);
    }
}

package com.nexusai.server.investigation;

import java.util.List;

import com.nexusai.server.platform.NodeName;
import com.nexusai.server.web.ProblemException;
import com.nexusai.server.web.ProblemLanguage;
import com.nexusai.server.web.ProblemText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/investigations/findings} (ADMIN, DEVOPS, DEVELOPER): what the analyzers find on this instance now,
 * worst first, in the request's language. {@code instance} names the instance asked about; each instance answers for
 * itself, so another's name is a 404 that says where to ask.
 */
@Tag(name = "Investigations")
@RestController
class InvestigationController {

    private final Investigation investigation;
    private final NodeName node;

    InvestigationController(Investigation investigation, NodeName node) {
        this.investigation = investigation;
        this.node = node;
    }

    @Operation(summary = "Runs the analyzers on this instance's live evidence and answers their findings, worst first")
    @GetMapping("/api/investigations/findings")
    List<Finding> findings(@RequestParam(required = false) String instance, HttpServletRequest request) {
        if (instance != null && !instance.isBlank() && !instance.strip().equals(node.value())) {
            throw new ProblemException(HttpStatus.NOT_FOUND, ProblemText.of("investigations.instance", instance.strip(), node.value()),
                    ProblemText.of("investigations.instance.fix"), null);
        }
        return investigation.findings(ProblemLanguage.of(request));
    }
}

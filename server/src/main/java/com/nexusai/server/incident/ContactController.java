package com.nexusai.server.incident;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The §8 contacts: {@code GET /api/contacts} for support staff; {@code /api/admin/contacts} to change them (ADMIN). */
@Tag(name = "Incidents")
@RestController
class ContactController {

    private final Contacts contacts;

    ContactController(Contacts contacts) {
        this.contacts = contacts;
    }

    @Operation(summary = "Lists the escalation contacts")
    @GetMapping("/api/contacts")
    List<Contact> list() {
        return contacts.all();
    }

    @Operation(summary = "Adds an escalation contact")
    @PostMapping("/api/admin/contacts")
    Contact add(@RequestBody Contact contact) {
        return contacts.save(new Contact(null, contact.role(), contact.email(), contact.days(), contact.startTime(), contact.endTime(),
                contact.levels(), contact.kinds(), contact.webhookUrl()));
    }

    @Operation(summary = "Changes an escalation contact")
    @PutMapping("/api/admin/contacts/{id}")
    Contact update(@PathVariable UUID id, @RequestBody Contact contact) {
        contacts.all().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new com.nexusai.server.web.NotFoundException(com.nexusai.server.web.ProblemText.of("contact.none", id)));
        return contacts.save(new Contact(id, contact.role(), contact.email(), contact.days(), contact.startTime(), contact.endTime(),
                contact.levels(), contact.kinds(), contact.webhookUrl()));
    }

    @Operation(summary = "Removes an escalation contact")
    @DeleteMapping("/api/admin/contacts/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        contacts.delete(id);
        return ResponseEntity.noContent().build();
    }
}

package com.nexusai.server.auth;

import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/admin/users} (ADMIN): create, list, disable, enable users and set their roles. */
@Tag(name = "Users")
@RestController
@RequestMapping("/api/admin/users")
class UserAdminController {

    record CreateUser(
            @NotBlank @Pattern(regexp = UserNames.PATTERN, message = UserNames.RULE) String username,
            @NotBlank @Size(min = UserService.MIN_PASSWORD_LENGTH, max = 256) String password,
            Set<Role> roles) {
    }

    record SetRoles(@NotEmpty Set<Role> roles) {
    }

    private final UserService users;

    UserAdminController(UserService users) {
        this.users = users;
    }

    @Operation(summary = "Lists the users with their roles")
    @GetMapping
    List<UserService.UserView> list() {
        return users.list();
    }

    @Operation(summary = "Reads one user")
    @GetMapping("/{username}")
    UserService.UserView get(@PathVariable String username) {
        return users.get(username);
    }

    @Operation(summary = "Creates a user")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserService.UserView create(@Valid @RequestBody CreateUser request, Authentication admin) {
        return users.create(request.username(), request.password(), request.roles(), admin.getName());
    }

    @Operation(summary = "Disables a user and voids their tokens")
    @PostMapping("/{username}/disable")
    UserService.UserView disable(@PathVariable String username, Authentication admin) {
        return users.setEnabled(username, false, admin.getName());
    }

    @Operation(summary = "Enables a user")
    @PostMapping("/{username}/enable")
    UserService.UserView enable(@PathVariable String username, Authentication admin) {
        return users.setEnabled(username, true, admin.getName());
    }

    @Operation(summary = "Replaces a user's roles and voids their tokens")
    @PutMapping("/{username}/roles")
    UserService.UserView setRoles(@PathVariable String username, @Valid @RequestBody SetRoles request, Authentication admin) {
        return users.setRoles(username, request.roles(), admin.getName());
    }
}

package dev.cairn.server.user;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.web.ApiException;
import dev.cairn.server.web.FieldError;
import dev.cairn.server.web.JsonFields;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A participant's console users, managed with an admin API key (the operator's key for operator admins). */
@RestController
@RequestMapping("/api/v1/participants/me/users")
public class UserController {
    private final UserService users;

    public UserController(UserService users) {
        this.users = users;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> create(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        JsonFields f = JsonFields.of(body, "", errors, Set.of("username", "display_name", "role", "password"));
        String username = f.string("username", true, 64);
        String displayName = f.string("display_name", false, 200);
        Role role = role(f, true);
        String password = f.string("password", false, 200);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        var created = users.create(caller, new UserService.NewUser(username, displayName, role, password));
        Map<String, Object> out = view(created.user());
        if (created.generatedPassword() != null) {
            out.put("initial_password", created.generatedPassword());
            out.put("note", "Give this password to the user now: it is shown only once.");
        }
        return out;
    }

    @GetMapping
    public Map<String, Object> list(@AuthenticationPrincipal Caller caller) {
        return Map.of("users", users.list(caller).stream().map(UserController::view).toList());
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return view(users.get(caller, id));
    }

    @PatchMapping("/{id}")
    public Map<String, Object> update(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
                                      @RequestBody JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        JsonFields f = JsonFields.of(body, "", errors, Set.of("role", "display_name"));
        Role role = role(f, false);
        String displayName = f.string("display_name", false, 200);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return view(users.update(caller, id, role, displayName, null));
    }

    @PostMapping("/{id}/suspend")
    public Map<String, Object> suspend(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return view(users.setStatus(caller, id, UserAccount.Status.SUSPENDED, null));
    }

    @PostMapping("/{id}/reactivate")
    public Map<String, Object> reactivate(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return view(users.setStatus(caller, id, UserAccount.Status.ACTIVE, null));
    }

    @PostMapping("/{id}/reset-totp")
    public Map<String, Object> resetTotp(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return view(users.resetTotp(caller, id, null));
    }

    @PostMapping("/{id}/reset-password")
    public Map<String, Object> resetPassword(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        var reset = users.resetPassword(caller, id, null);
        Map<String, Object> out = view(reset.user());
        out.put("initial_password", reset.generatedPassword());
        out.put("note", "Give this password to the user now: it is shown only once.");
        return out;
    }

    private static Role role(JsonFields f, boolean required) {
        String name = f.string("role", required, 32);
        Role role = Role.parse(name);
        if (name != null && role == null) {
            f.reject("role", "must be one of " + List.of(Role.values()));
        }
        return role;
    }

    static Map<String, Object> view(UserAccount u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("username", u.username());
        m.put("display_name", u.displayName());
        m.put("role", u.role());
        m.put("status", u.status());
        m.put("totp_enabled", u.totpEnabled());
        m.put("locked_until", u.lockedUntil());
        m.put("last_login_at", u.lastLoginAt());
        m.put("created_at", u.createdAt());
        return m;
    }
}

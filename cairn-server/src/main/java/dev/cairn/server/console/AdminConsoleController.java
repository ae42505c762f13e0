package dev.cairn.server.console;

import dev.cairn.server.auth.ApiKeyService;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.user.Role;
import dev.cairn.server.user.SignedInUser;
import dev.cairn.server.user.UserAccount;
import dev.cairn.server.user.UserService;
import dev.cairn.server.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A participant admin's pages: their organisation's users and API keys. Every action passes the signed-in user's
 * caller to the same services the API uses; a password or key secret is shown once, on the page after the action.
 */
@Controller
@RequestMapping("/console/admin")
public class AdminConsoleController {
    private final UserService users;
    private final ApiKeyService keys;

    public AdminConsoleController(UserService users, ApiKeyService keys) {
        this.users = users;
        this.keys = keys;
    }

    @GetMapping("/users")
    public String users(@AuthenticationPrincipal SignedInUser me, Model model) {
        model.addAttribute("section", "users");
        model.addAttribute("users", users.list(me.caller()));
        model.addAttribute("roles", assignable(me));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
        }
        if (!model.containsAttribute("formErrors")) {
            model.addAttribute("formErrors", Map.of());
        }
        return "console/users";
    }

    @PostMapping("/users")
    public String createUser(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "") String username,
                             @RequestParam(name = "display_name", defaultValue = "") String displayName,
                             @RequestParam(defaultValue = "") String role, @RequestParam(defaultValue = "") String password,
                             Model model, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            var created = users.create(me.caller(), new UserService.NewUser(username, displayName, Role.parse(role),
                    password.isEmpty() ? null : password));
            redirect.addFlashAttribute("flash", "User " + created.user().username() + " created.");
            if (created.generatedPassword() != null) {
                redirect.addFlashAttribute("secretLabel", "Initial password for " + created.user().username());
                redirect.addFlashAttribute("secret", created.generatedPassword());
            }
            return "redirect:/console/admin/users";
        } catch (ApiException e) {
            if (e.errors().isEmpty()) {
                throw e;
            }
            response.setStatus(e.status().value());
            model.addAttribute("form", Map.of("username", username, "display_name", displayName, "role", role));
            model.addAttribute("formErrors", SubmitController.byFieldLoose(e.errors()));
            return users(me, model);
        }
    }

    @PostMapping("/users/{id}/role")
    public String changeRole(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id,
                             @RequestParam(defaultValue = "") String role, RedirectAttributes redirect) {
        Role r = Role.parse(role);
        if (r == null) {
            throw ApiException.invalid("role", "must be one of " + Arrays.toString(Role.values()));
        }
        UserAccount u = users.update(me.caller(), id, r, null, me.userId());
        redirect.addFlashAttribute("flash", u.username() + " is now " + r.label().toLowerCase(Locale.ROOT) + ".");
        return "redirect:/console/admin/users";
    }

    @PostMapping("/users/{id}/suspend")
    public String suspend(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        UserAccount u = users.setStatus(me.caller(), id, UserAccount.Status.SUSPENDED, me.userId());
        redirect.addFlashAttribute("flash", u.username() + " is suspended and signed out.");
        return "redirect:/console/admin/users";
    }

    @PostMapping("/users/{id}/reactivate")
    public String reactivate(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        UserAccount u = users.setStatus(me.caller(), id, UserAccount.Status.ACTIVE, me.userId());
        redirect.addFlashAttribute("flash", u.username() + " can sign in again.");
        return "redirect:/console/admin/users";
    }

    @PostMapping("/users/{id}/reset-totp")
    public String resetTotp(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        UserAccount u = users.resetTotp(me.caller(), id, me.userId());
        redirect.addFlashAttribute("flash", u.username() + " will set up two-step sign-in again"
                + (u.role().totpRequired() ? " at the next sign-in." : " if they choose to."));
        return "redirect:/console/admin/users";
    }

    @PostMapping("/users/{id}/reset-password")
    public String resetPassword(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        var reset = users.resetPassword(me.caller(), id, me.userId());
        redirect.addFlashAttribute("flash", "New password set for " + reset.user().username() + ".");
        redirect.addFlashAttribute("secretLabel", "New password for " + reset.user().username());
        redirect.addFlashAttribute("secret", reset.generatedPassword());
        return "redirect:/console/admin/users";
    }

    @GetMapping("/keys")
    public String keys(@AuthenticationPrincipal SignedInUser me, Model model) {
        me.caller().require(Scope.ADMIN);
        model.addAttribute("section", "keys");
        model.addAttribute("keys", keys.list(me.participantId()).reversed());
        return "console/keys";
    }

    @PostMapping("/keys")
    public String createKey(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "") String name,
                            @RequestParam(defaultValue = "read") String scope, RedirectAttributes redirect) {
        me.caller().require(Scope.ADMIN);
        Scope s;
        try {
            s = Scope.valueOf(scope.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("scope", "must be one of read, write, admin");
        }
        if (name.isBlank() || name.length() > 200) {
            throw ApiException.invalid("name", "is required (at most 200 characters)");
        }
        var issued = keys.issue(me.participantId(), name.strip(), EnumSet.of(s));
        redirect.addFlashAttribute("flash", "API key '" + issued.key().name() + "' created.");
        redirect.addFlashAttribute("secretLabel", "The new key");
        redirect.addFlashAttribute("secret", issued.secret());
        return "redirect:/console/admin/keys";
    }

    @PostMapping("/keys/{id}/revoke")
    public String revokeKey(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, RedirectAttributes redirect) {
        me.caller().require(Scope.ADMIN);
        var key = keys.revoke(me.participantId(), id);
        redirect.addFlashAttribute("flash", "API key '" + key.name() + "' revoked; it stops working at once.");
        return "redirect:/console/admin/keys";
    }

    /** Operator admins may make more operator admins; nobody else may. */
    static List<Role> assignable(SignedInUser me) {
        return Arrays.stream(Role.values()).filter(r -> r != Role.OPERATOR_ADMIN || me.caller().operator())
                .collect(Collectors.toList());
    }
}

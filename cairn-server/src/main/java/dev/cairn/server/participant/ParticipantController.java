package dev.cairn.server.participant;

import dev.cairn.server.auth.ApiKey;
import dev.cairn.server.auth.ApiKeyService;
import dev.cairn.server.auth.Caller;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.web.ApiException;
import dev.cairn.server.web.FieldError;
import dev.cairn.server.web.JsonFields;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Participants (operator) and each participant's own API keys (participant admin). */
@RestController
@RequestMapping("/api/v1/participants")
public class ParticipantController {
    private final ParticipantService participants;
    private final ApiKeyService keys;

    public ParticipantController(ParticipantService participants, ApiKeyService keys) {
        this.participants = participants;
        this.keys = keys;
    }

    @GetMapping
    public Map<String, Object> list(@AuthenticationPrincipal Caller caller) {
        caller.require(Scope.READ);
        return Map.of("participants", participants.list().stream().map(p -> view(p, caller.operator())).toList());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> create(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        caller.requireOperator();
        List<FieldError> errors = new ArrayList<>();
        JsonFields f = JsonFields.of(body, "", errors, Set.of("slug", "name", "contact"));
        String slug = f.string("slug", true, 64);
        String name = f.string("name", true, 200);
        String contact = f.string("contact", false, 320);
        if (slug != null && !ParticipantService.SLUG.matcher(slug).matches()) {
            f.reject("slug", "must be lower-case letters, digits and inner hyphens");
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        var created = participants.create(slug, name.strip(), contact, false);
        Map<String, Object> out = view(created.participant(), true);
        out.put("admin_key", keyView(created.adminKey().key(), created.adminKey().secret()));
        return out;
    }

    @GetMapping("/me")
    public Map<String, Object> me(@AuthenticationPrincipal Caller caller) {
        return view(participants.find(caller.participantId()).orElseThrow(), true);
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        caller.require(Scope.READ);
        return view(participants.find(id).orElseThrow(() -> ApiException.notFound("Participant")),
                caller.operator() || caller.participantId().equals(id));
    }

    @PostMapping("/{id}/suspend")
    public Map<String, Object> suspend(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        caller.requireOperator();
        return view(participants.setStatus(id, Participant.Status.SUSPENDED), true);
    }

    @PostMapping("/{id}/reactivate")
    public Map<String, Object> reactivate(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        caller.requireOperator();
        return view(participants.setStatus(id, Participant.Status.ACTIVE), true);
    }

    @GetMapping("/me/keys")
    public Map<String, Object> listKeys(@AuthenticationPrincipal Caller caller) {
        caller.require(Scope.ADMIN);
        return Map.of("keys", keys.list(caller.participantId()).stream().map(k -> keyView(k, null)).toList());
    }

    @PostMapping("/me/keys")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> createKey(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        caller.require(Scope.ADMIN);
        List<FieldError> errors = new ArrayList<>();
        JsonFields f = JsonFields.of(body, "", errors, Set.of("name", "scopes"));
        String name = f.string("name", true, 200);
        List<String> scopeNames = f.strings("scopes", true, 3, 16);
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (scopeNames != null) {
            for (int i = 0; i < scopeNames.size(); i++) {
                try {
                    scopes.add(Scope.valueOf(scopeNames.get(i).toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("scopes[" + i + "]", "must be one of read, write, admin"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        var issued = keys.issue(caller.participantId(), name.strip(), scopes);
        return keyView(issued.key(), issued.secret());
    }

    @DeleteMapping("/me/keys/{keyId}")
    public Map<String, Object> revokeKey(@AuthenticationPrincipal Caller caller, @PathVariable UUID keyId) {
        caller.require(Scope.ADMIN);
        return keyView(keys.revoke(caller.participantId(), keyId), null);
    }

    static Map<String, Object> view(Participant p, boolean withContact) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("slug", p.slug());
        m.put("name", p.name());
        if (withContact) {
            m.put("contact", p.contact());
        }
        m.put("status", p.status());
        m.put("operator", p.operator());
        m.put("created_at", p.createdAt());
        return m;
    }

    static Map<String, Object> keyView(ApiKey k, String secret) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("name", k.name());
        m.put("prefix", k.prefix());
        m.put("scopes", k.scopes().stream().map(s -> s.name().toLowerCase(Locale.ROOT)).sorted().toList());
        m.put("created_at", k.createdAt());
        m.put("last_used_at", k.lastUsedAt());
        m.put("revoked_at", k.revokedAt());
        if (secret != null) {
            m.put("key", secret);
            m.put("note", "Store this key now: it is shown only once.");
        }
        return m;
    }

}

package dev.cairn.server.sharing;

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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Sharing groups: the operator manages them; a participant sees the groups it belongs to. */
@RestController
@RequestMapping("/api/v1/sharing-groups")
public class SharingGroupController {
    private final SharingGroups groups;

    public SharingGroupController(SharingGroups groups) {
        this.groups = groups;
    }

    @GetMapping
    public Map<String, Object> list(@AuthenticationPrincipal Caller caller) {
        caller.require(Scope.READ);
        return Map.of("groups", groups.list(caller.participantId(), caller.operator()));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public SharingGroups.Group create(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        caller.requireOperator();
        List<FieldError> errors = new ArrayList<>();
        JsonFields f = JsonFields.of(body, "", errors, Set.of("name", "description", "members"));
        // only the JSON shape here; the rules for the values are the service's, shared with the console
        String name = f.string("name", false, Integer.MAX_VALUE);
        String description = f.string("description", false, Integer.MAX_VALUE);
        List<FieldError> rules = new ArrayList<>();
        SharingGroups.check(name, description, rules);
        // one error per field: "must be a string" from the shape check says enough
        rules.stream().filter(r -> errors.stream().noneMatch(e -> e.field().equals(r.field()))).forEach(errors::add);
        List<String> members = f.strings("members", false, 1000, 36);
        List<UUID> ids = new ArrayList<>();
        if (members != null) {
            for (int i = 0; i < members.size(); i++) {
                try {
                    ids.add(UUID.fromString(members.get(i)));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("members[" + i + "]", "must be a participant id"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return groups.create(name, description, ids);
    }

    @PostMapping("/{id}/members")
    public SharingGroups.Group addMember(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
                                         @RequestBody JsonNode body) {
        caller.requireOperator();
        List<FieldError> errors = new ArrayList<>();
        JsonFields f = JsonFields.of(body, "", errors, Set.of("participant_id"));
        String pid = f.string("participant_id", true, 36);
        UUID participant = null;
        if (pid != null) {
            try {
                participant = UUID.fromString(pid);
            } catch (IllegalArgumentException e) {
                f.reject("participant_id", "must be a participant id");
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return groups.addMember(id, participant);
    }

    @DeleteMapping("/{id}/members/{participantId}")
    public SharingGroups.Group removeMember(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
                                            @PathVariable UUID participantId) {
        caller.requireOperator();
        return groups.removeMember(id, participantId);
    }
}

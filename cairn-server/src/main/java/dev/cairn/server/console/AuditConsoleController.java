package dev.cairn.server.console;

import dev.cairn.core.audit.AuditRecord;
import dev.cairn.server.audit.AuditEvent;
import dev.cairn.server.audit.AuditLog;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.participant.Participant;
import dev.cairn.server.participant.ParticipantService;
import dev.cairn.server.user.SignedInUser;
import dev.cairn.server.user.UserAccount;
import dev.cairn.server.user.UserService;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The audit viewer: the same records and the same rule as {@code GET /api/v1/audit} (the operator reads everything, a
 * participant admin its own organisation's records), newest first. Records hold ids and counts, never identifier
 * values; the page only adds names for the ids it can resolve.
 */
@Controller
@RequestMapping("/console/audit")
public class AuditConsoleController {
    static final int PAGE = 50;

    private final AuditLog audit;
    private final ParticipantService participants;
    private final UserService users;

    public AuditConsoleController(AuditLog audit, ParticipantService participants, UserService users) {
        this.audit = audit;
        this.participants = participants;
        this.users = users;
    }

    /** One record as shown: names next to the ids they stand for. */
    public record Row(long seq, Instant at, String actorType, String actor, String participant, String action,
                      String target, String outcome, boolean success, String requestId, String detail) {
    }

    @GetMapping
    public String page(@AuthenticationPrincipal SignedInUser me,
                       @RequestParam(required = false) String participant, @RequestParam(required = false) String action,
                       @RequestParam(required = false) String outcome, @RequestParam(required = false) String from,
                       @RequestParam(required = false) String to, @RequestParam(required = false) String before,
                       Model model, HttpServletResponse response) {
        var caller = me.caller();
        caller.require(Scope.ADMIN);
        AuditFilters filters = AuditFilters.of(participant, action, outcome, from, to, before);
        List<Participant> all = participants.list();
        model.addAttribute("section", "audit");
        model.addAttribute("filters", filters);
        model.addAttribute("outcomes", AuditEvent.Outcome.values());
        model.addAttribute("participants", caller.operator() ? all : List.of());
        List<String> problems = new ArrayList<>();
        AuditFilters.Result q = filters.read(caller.operator() ? null : caller.participantId(),
                participants::findBySlug, problems);
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problems", problems);
            model.addAttribute("rows", List.of());
            model.addAttribute("paged", false);
            return "console/audit";
        }
        List<AuditRecord> page = audit.readNewest(q.before(), PAGE + 1, q.filter());
        boolean more = page.size() > PAGE;
        if (more) {
            page = page.subList(0, PAGE);
        }
        Map<String, String> names = all.stream().collect(Collectors.toMap(p -> p.id().toString(), Participant::name));
        Map<String, String> usernames = new HashMap<>();
        model.addAttribute("rows", page.stream().map(r -> row(r, names, id -> usernames.computeIfAbsent(id, this::username))).toList());
        model.addAttribute("olderCursor", more ? Long.toString(page.getLast().seq()) : null);
        model.addAttribute("paged", !filters.before().isEmpty());
        return "console/audit";
    }

    private static Row row(AuditRecord r, Map<String, String> participantNames, Function<String, String> username) {
        String actor = "USER".equals(r.actorType()) ? username.apply(r.actorId()) : r.actorId();
        String target = (r.targetType() + " " + r.targetId()).strip();
        return new Row(r.seq(), Instant.parse(r.at()), r.actorType(), actor,
                r.participant().isEmpty() ? "" : participantNames.getOrDefault(r.participant(), r.participant()),
                r.action(), target, r.outcome(), "SUCCESS".equals(r.outcome()), r.requestId(), r.detail());
    }

    /** A console user's username for their id; the id itself when the user is gone or the id is not a user's. */
    private String username(String id) {
        try {
            return users.find(UUID.fromString(id)).map(UserAccount::username).orElse(id);
        } catch (IllegalArgumentException e) {
            return id;
        }
    }
}

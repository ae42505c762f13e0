package dev.cairn.server.console;

import dev.cairn.core.signal.SignalType;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.match.MatchHit;
import dev.cairn.server.match.MatchService;
import dev.cairn.server.participant.Participant;
import dev.cairn.server.participant.ParticipantService;
import dev.cairn.server.sharing.SharingGroups;
import dev.cairn.server.signal.Signal;
import dev.cairn.server.signal.SignalRepository;
import dev.cairn.server.signal.SignalService;
import dev.cairn.server.signal.SignalStatus;
import dev.cairn.server.taxonomy.TaxonomyService;
import dev.cairn.server.user.SignedInUser;
import dev.cairn.server.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Search, signal detail, reveal and retract. Filters travel in the query string (they are types, categories and
 * dates); a search by value is a POST, so identifier values never appear in a URL, a log line or the browser history.
 */
@Controller
@RequestMapping("/console/signals")
public class SignalConsoleController {
    static final int PAGE = 25;

    private final SignalService signals;
    private final MatchService matching;
    private final ParticipantService participants;
    private final TaxonomyService taxonomy;
    private final SignalActivity activity;
    private final List<SignalDetailSection> sections;
    private final ObjectMapper json;
    private final SharingGroups groups;

    public SignalConsoleController(SignalService signals, MatchService matching, ParticipantService participants,
                                   TaxonomyService taxonomy, SignalActivity activity, List<SignalDetailSection> sections,
                                   ObjectMapper json, SharingGroups groups) {
        this.groups = groups;
        this.signals = signals;
        this.matching = matching;
        this.participants = participants;
        this.taxonomy = taxonomy;
        this.activity = activity;
        this.sections = sections.stream().sorted(java.util.Comparator.comparingInt(SignalDetailSection::order)).toList();
        this.json = json;
    }

    /** The search form as submitted; blank means "any". */
    public record Filters(String type, String category, String owner, String status, String since) {
        public boolean any() {
            return !(type.isEmpty() && category.isEmpty() && owner.isEmpty() && status.isEmpty() && since.isEmpty());
        }
    }

    @GetMapping
    public String search(@AuthenticationPrincipal SignedInUser me,
                         @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String category,
                         @RequestParam(defaultValue = "") String owner, @RequestParam(defaultValue = "") String status,
                         @RequestParam(defaultValue = "") String since, @RequestParam(required = false) String cursor,
                         Model model, HttpServletResponse response) {
        var caller = me.caller();
        Filters filters = new Filters(type, category, owner, status, since);
        formModel(model, filters);
        List<String> errors = new ArrayList<>();
        SignalType t = type.isEmpty() ? null : SignalType.parse(type);
        if (!type.isEmpty() && t == null) {
            errors.add("Unknown type.");
        }
        UUID ownerId = null;
        if (owner.equals("me")) {
            ownerId = caller.participantId();
        } else if (!owner.isEmpty()) {
            ownerId = participants.findBySlug(owner).map(Participant::id).orElse(null);
            if (ownerId == null) {
                errors.add("No member with this name.");
            }
        }
        SignalStatus st = null;
        if (!status.isEmpty()) {
            try {
                st = SignalStatus.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("Unknown status.");
            }
        }
        Instant createdSince = null;
        if (!since.isEmpty()) {
            try {
                createdSince = LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                errors.add("'Created since' must be a date.");
            }
        }
        SignalRepository.Cursor after = cursor == null || cursor.isEmpty() ? null : SignalRepository.Cursor.decode(cursor);
        if (cursor != null && !cursor.isEmpty() && after == null) {
            errors.add("That page link is not valid; start from the first page.");
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", errors);
            model.addAttribute("rows", List.of());
            return "console/search";
        }
        String cat = category.isEmpty() ? null : category.toUpperCase(Locale.ROOT);
        List<Signal> page = signals.list(caller, new SignalRepository.Query(caller.participantId(), t, cat, ownerId, st,
                createdSince, after, PAGE + 1));
        boolean more = page.size() > PAGE;
        if (more) {
            page = page.subList(0, PAGE);
        }
        model.addAttribute("rows", page);
        model.addAttribute("nextCursor", more ? new SignalRepository.Cursor(page.getLast().createdAt(), page.getLast().id()).encode() : null);
        model.addAttribute("paged", after != null);
        return "console/search";
    }

    /** Search by value: the same normalisation and match path as {@code POST /api/v1/match}. */
    @PostMapping("/find")
    public String find(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "") String type,
                       @RequestParam(defaultValue = "") String value, Model model, HttpServletResponse response) {
        var caller = me.caller();
        formModel(model, new Filters("", "", "", "", ""));
        model.addAttribute("findType", type);
        ObjectNode item = json.createObjectNode();
        item.put("type", type);
        item.put("value", value.strip());
        List<MatchHit> hits;
        try {
            hits = matching.match(caller, matching.read(List.of(dev.cairn.server.web.FlatObject.of(item)), null));
        } catch (ApiException e) {
            response.setStatus(e.status().value());
            model.addAttribute("findErrors", e.errors().stream().map(fe -> fe.reason()).toList());
            model.addAttribute("rows", List.of());
            return "console/search";
        }
        Map<UUID, String> how = new LinkedHashMap<>();
        hits.forEach(h -> how.putIfAbsent(h.signal().id(), h.method().name()));
        List<Signal> found = new ArrayList<>();
        for (UUID id : how.keySet()) {
            try {
                found.add(signals.get(caller, id));
            } catch (ApiException e) {
                // retracted or expired since the index was read: not a result any more
            }
        }
        model.addAttribute("found", found);
        model.addAttribute("how", how);
        model.addAttribute("rows", List.of());
        return "console/search";
    }

    /**
     * Who may see the signal, in words. A caller who may see a GROUP signal owns it or is in the group, so the
     * group's name is theirs to know.
     */
    private String visibility(Signal s) {
        return switch (s.visibility()) {
            case ALL -> "All members";
            case PRIVATE -> "Only " + s.ownerSlug();
            case GROUP -> {
                String name;
                try {
                    name = groups.get(s.sharingGroupId()).name();
                } catch (ApiException e) {
                    name = "a sharing group that no longer exists";
                }
                yield "Sharing group: " + name;
            }
        };
    }

    @GetMapping("/{id}")
    public String detail(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, Model model) {
        var caller = me.caller();
        Signal s = signals.get(caller, id);
        model.addAttribute("section", "search");
        model.addAttribute("s", s);
        model.addAttribute("history", activity.history(caller, id));
        model.addAttribute("masked", ValueMask.masked(s.type(), s.blinded()));
        model.addAttribute("maskedValue", ValueMask.mask(s.type(), s.blinded(), s.value()));
        model.addAttribute("owned", s.ownerId().equals(caller.participantId()));
        model.addAttribute("canWrite", caller.scopes().contains(Scope.WRITE));
        model.addAttribute("visibility", visibility(s));
        List<SignalDetailSection.Fragment> extra = new ArrayList<>();
        for (SignalDetailSection section : sections) {
            section.render(caller, s).ifPresent(extra::add);
        }
        model.addAttribute("sections", extra);
        return "console/signal";
    }

    /** Returns the value (an htmx fragment) and records the reveal. */
    @PostMapping("/{id}/reveal")
    public String reveal(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, Model model) {
        model.addAttribute("s", activity.reveal(me.caller(), me.userId(), id));
        return "console/signal :: revealed";
    }

    @PostMapping("/{id}/retract")
    public String retract(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id,
                          @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        if (reason.isBlank()) {
            throw ApiException.invalid("reason", "is required: say why the signal is withdrawn");
        }
        signals.retract(me.caller(), id, reason.strip().length() > 1000 ? reason.strip().substring(0, 1000) : reason.strip());
        redirect.addFlashAttribute("flash", "Signal retracted. It no longer matches, and other members no longer see it.");
        return "redirect:/console/signals/" + id;
    }

    private void formModel(Model model, Filters filters) {
        model.addAttribute("section", "search");
        model.addAttribute("filters", filters);
        model.addAttribute("types", SignalType.values());
        model.addAttribute("categories", taxonomy.list());
        model.addAttribute("participants", participants.list());
        model.addAttribute("statuses", SignalStatus.values());
    }



}

package dev.cairn.server.console;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.feedback.Dispute;
import dev.cairn.server.feedback.FeedbackService;
import dev.cairn.server.feedback.Resolution;
import dev.cairn.server.signal.SignalService;
import dev.cairn.server.user.SignedInUser;
import dev.cairn.server.web.ApiException;
import dev.cairn.server.web.FieldError;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The feedback and dispute forms of the signal page (htmx). Each turns the form into the JSON body the API takes and
 * calls {@link FeedbackService}, so the console and the API accept and refuse the same things with the same words;
 * the answer is the section again, with per-field errors or what was done, and the quality score refreshed.
 */
@Controller
@RequestMapping("/console/signals/{id}")
public class FeedbackConsoleController {
    private static final Set<String> FEEDBACK_FIELDS = Set.of("outcome", "accounts_actioned", "content_removed",
            "report_reference", "human_reviewed", "note");

    private final FeedbackService feedback;
    private final SignalService signals;
    private final FeedbackSection feedbackSection;
    private final DisputesSection disputesSection;
    private final QualitySection qualitySection;
    private final ObjectMapper json;

    public FeedbackConsoleController(FeedbackService feedback, SignalService signals, FeedbackSection feedbackSection,
                                     DisputesSection disputesSection, QualitySection qualitySection, ObjectMapper json) {
        this.feedback = feedback;
        this.signals = signals;
        this.feedbackSection = feedbackSection;
        this.disputesSection = disputesSection;
        this.qualitySection = qualitySection;
        this.json = json;
    }

    @PostMapping("/feedback")
    public String give(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id,
                       @RequestParam(defaultValue = "") String outcome,
                       @RequestParam(name = "accounts_actioned", defaultValue = "") String accounts,
                       @RequestParam(name = "content_removed", defaultValue = "") String content,
                       @RequestParam(name = "report_reference", defaultValue = "") String reference,
                       @RequestParam(name = "human_reviewed", defaultValue = "false") boolean humanReviewed,
                       @RequestParam(defaultValue = "") String note, Model model, HttpServletResponse response) {
        Caller caller = me.caller();
        FeedbackSection.Form form = new FeedbackSection.Form(outcome, accounts, content, reference, humanReviewed, note);
        ObjectNode body = json.createObjectNode();
        text(body, "outcome", outcome);
        count(body, "accounts_actioned", accounts);
        count(body, "content_removed", content);
        text(body, "report_reference", reference);
        body.put("human_reviewed", humanReviewed);
        text(body, "note", note);
        try {
            FeedbackService.Recorded r = feedback.give(caller, id, body);
            model.addAttribute("fb", feedbackSection.panel(caller, id, null, Map.of(),
                    r.created() ? "Feedback recorded. The signal's owner sees it." : "Feedback updated; the earlier one is kept in the history."));
        } catch (ApiException e) {
            model.addAttribute("fb", feedbackSection.panel(caller, id, form, refusal(e, FEEDBACK_FIELDS, response), null));
        }
        model.addAttribute("q", qualitySection.panel(signals.get(caller, id)));
        return "console/sections/feedback :: answer";
    }

    @PostMapping("/disputes")
    public String dispute(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id,
                          @RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response) {
        Caller caller = me.caller();
        ObjectNode body = json.createObjectNode();
        body.put("reason", reason);
        try {
            feedback.dispute(caller, id, body);
            model.addAttribute("dp", disputesSection.panel(caller, id, "", null, Map.of(),
                    "Dispute sent. The owner is told and answers it here; until then it lowers the signal's score."));
        } catch (ApiException e) {
            model.addAttribute("dp", disputesSection.panel(caller, id, reason, null,
                    refusal(e, Set.of("reason"), response), null));
        }
        model.addAttribute("q", qualitySection.panel(signals.get(caller, id)));
        return "console/sections/disputes :: answer";
    }

    @PostMapping("/disputes/{disputeId}/resolve")
    public String resolve(@AuthenticationPrincipal SignedInUser me, @PathVariable UUID id, @PathVariable UUID disputeId,
                          @RequestParam(defaultValue = "") String resolution, @RequestParam(defaultValue = "") String note,
                          Model model, HttpServletResponse response) {
        Caller caller = me.caller();
        ObjectNode body = json.createObjectNode();
        text(body, "resolution", resolution);
        text(body, "note", note);
        try {
            Dispute d = feedback.resolve(caller, id, disputeId, body);
            if (d.resolution() == Resolution.RETRACTED) {
                // the signal is gone: the whole page changes (status, retract form), so reload it
                response.setHeader("HX-Refresh", "true");
            }
            model.addAttribute("dp", disputesSection.panel(caller, id, "", null, Map.of(),
                    "Dispute answered (" + label(d.resolution()) + "). The member that opened it is told."));
        } catch (ApiException e) {
            model.addAttribute("dp", disputesSection.panel(caller, id, "",
                    new DisputesSection.ResolveForm(disputeId, resolution, note),
                    refusal(e, Set.of("resolution", "note"), response), null));
        }
        model.addAttribute("q", qualitySection.panel(signals.get(caller, id)));
        return "console/sections/disputes :: answer";
    }

    /**
     * A refusal with field errors or a conflict (own signal, dispute already open) is shown in the form; anything else
     * (not found, not allowed) goes to {@link ConsoleAdvice} like every other refusal.
     */
    private static Map<String, String> refusal(ApiException e, Set<String> fields, HttpServletResponse response) {
        if (e.errors().isEmpty() && e.status() != HttpStatus.CONFLICT) {
            throw e;
        }
        response.setStatus(e.status().value());
        Map<String, String> out = new LinkedHashMap<>();
        List<FieldError> errors = e.errors().isEmpty() ? List.of(new FieldError("form", e.getMessage())) : e.errors();
        for (FieldError fe : errors) {
            out.putIfAbsent(fields.contains(fe.field()) ? fe.field() : "form", fe.reason());
        }
        return out;
    }

    private static String label(Resolution r) {
        return switch (r) {
            case UPHELD -> "upheld";
            case AMENDED -> "amended";
            case RETRACTED -> "signal retracted";
        };
    }

    private static void text(ObjectNode body, String field, String value) {
        if (!value.isBlank()) {
            body.put(field, value.strip());
        }
    }

    /** A number as a number; anything else as typed, for the service to report "must be an integer". */
    private static void count(ObjectNode body, String field, String value) {
        if (value.isBlank()) {
            return;
        }
        try {
            body.put(field, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            body.put(field, value.strip());
        }
    }
}

package dev.cairn.server.console;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.feedback.Feedback;
import dev.cairn.server.feedback.FeedbackService;
import dev.cairn.server.feedback.Outcome;
import dev.cairn.server.signal.Signal;
import dev.cairn.server.signal.SignalStatus;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Feedback on a signal. Other members with write access record what came of it (the form) and see their own
 * feedback, its history and everyone's counts; the owner sees every member's feedback. What each may see is decided
 * by {@link FeedbackService#feedback}, as for the API.
 */
@Component
public class FeedbackSection implements SignalDetailSection {
    private final FeedbackService feedback;

    public FeedbackSection(FeedbackService feedback) {
        this.feedback = feedback;
    }

    /** The form as typed (strings, so a wrong entry is shown back as it was). */
    public record Form(String outcome, String accountsActioned, String contentRemoved, String reportReference,
                       boolean humanReviewed, String note) {
        static Form empty() {
            return new Form("", "", "", "", false, "");
        }

        /** The current feedback, to change it. */
        static Form of(Feedback f) {
            return new Form(f.outcome().name(), f.accountsActioned() == null ? "" : f.accountsActioned().toString(),
                    f.contentRemoved() == null ? "" : f.contentRemoved().toString(),
                    f.reportReference() == null ? "" : f.reportReference(), f.humanReviewed(),
                    f.note() == null ? "" : f.note());
        }
    }

    /**
     * @param canGive  the caller may record feedback now (not the owner, write scope, the signal active)
     * @param current  the owner: every member's current feedback; anyone else: their own, if any
     * @param counts   how many members currently report each outcome (everyone may know the counts)
     * @param errors   the first error of each form field ({@code form} for the rest)
     * @param message  what was just done, or null
     */
    public record Panel(UUID signalId, boolean owner, boolean canGive, List<Feedback> current, List<Feedback> history,
                        Map<Outcome, Long> counts, int members, Form form, Map<String, String> errors, String message) {
        public List<Outcome> outcomes() {
            return List.of(Outcome.values());
        }

        public boolean hasMine() {
            return !owner && !current.isEmpty();
        }
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public Optional<Fragment> render(Caller caller, Signal signal) {
        Panel p = panel(caller, signal.id(), null, Map.of(), null);
        if (p.owner() ? p.current().isEmpty() : !p.canGive() && p.current().isEmpty() && p.members() == 0) {
            return Optional.empty();
        }
        return Optional.of(new Fragment("feedback", "Feedback", "console/sections/feedback", Map.of("fb", p)));
    }

    /** @param form the form to show; null for the caller's current feedback (or an empty form) */
    Panel panel(Caller caller, UUID signalId, Form form, Map<String, String> errors, String message) {
        FeedbackService.FeedbackPage page = feedback.feedback(caller, signalId);
        Signal s = page.signal();
        boolean canGive = !page.owner() && caller.scopes().contains(Scope.WRITE) && s.status() == SignalStatus.ACTIVE;
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        page.everyone().forEach(f -> counts.merge(f.outcome(), 1L, Long::sum));
        if (form == null) {
            form = page.owner() || page.current().isEmpty() ? Form.empty() : Form.of(page.current().getFirst());
        }
        return new Panel(signalId, page.owner(), canGive, page.current(), page.history(), counts, page.everyone().size(),
                form, errors, message);
    }
}

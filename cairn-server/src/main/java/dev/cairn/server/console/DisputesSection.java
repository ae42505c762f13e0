package dev.cairn.server.console;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.feedback.Dispute;
import dev.cairn.server.feedback.FeedbackService;
import dev.cairn.server.feedback.Resolution;
import dev.cairn.server.signal.Signal;
import dev.cairn.server.signal.SignalStatus;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Disputes of a signal. Other members with write access dispute it (one open dispute each) and follow their own
 * disputes; the owner sees every dispute and answers the open ones. Visibility is {@link FeedbackService#disputes}'s.
 */
@Component
public class DisputesSection implements SignalDetailSection {
    private final FeedbackService feedback;

    public DisputesSection(FeedbackService feedback) {
        this.feedback = feedback;
    }

    /** The resolve form as typed, for the dispute it answers. */
    public record ResolveForm(UUID disputeId, String resolution, String note) {
    }

    /**
     * @param canDispute the caller may open a dispute now
     * @param canResolve the caller owns the signal and has write access
     * @param open       open disputes the caller may see (all of them for the owner)
     * @param openCount  open disputes of every member
     * @param resolve    the resolve form shown again with its errors, or null
     */
    public record Panel(UUID signalId, boolean owner, boolean canDispute, boolean canResolve, List<Dispute> open,
                        List<Dispute> resolved, int openCount, String reason, ResolveForm resolve,
                        Map<String, String> errors, String message) {
        public List<Resolution> resolutions() {
            return List.of(Resolution.values());
        }

        /** The error of a field of one dispute's resolve form (the other open disputes' forms show none). */
        public String resolveError(UUID disputeId, String field) {
            return resolve != null && resolve.disputeId().equals(disputeId) ? errors.get(field) : null;
        }

        public String resolveValue(UUID disputeId, String field) {
            if (resolve == null || !resolve.disputeId().equals(disputeId)) {
                return "";
            }
            return field.equals("note") ? resolve.note() : resolve.resolution();
        }
    }

    @Override
    public int order() {
        return 40;
    }

    @Override
    public Optional<Fragment> render(Caller caller, Signal signal) {
        Panel p = panel(caller, signal.id(), "", null, Map.of(), null);
        boolean nothing = p.open().isEmpty() && p.resolved().isEmpty();
        if (p.owner() ? nothing : nothing && !p.canDispute() && p.openCount() == 0) {
            return Optional.empty();
        }
        return Optional.of(new Fragment("disputes", "Disputes", "console/sections/disputes", Map.of("dp", p)));
    }

    Panel panel(Caller caller, UUID signalId, String reason, ResolveForm resolve, Map<String, String> errors,
                String message) {
        FeedbackService.DisputePage page = feedback.disputes(caller, signalId);
        Signal s = page.signal();
        boolean write = caller.scopes().contains(Scope.WRITE);
        List<Dispute> open = page.disputes().stream().filter(Dispute::open).toList();
        List<Dispute> resolved = page.disputes().stream().filter(d -> !d.open()).toList();
        boolean canDispute = !page.owner() && write && s.status() == SignalStatus.ACTIVE && open.isEmpty();
        return new Panel(signalId, page.owner(), canDispute, page.owner() && write, open, resolved, page.openDisputes(),
                reason, resolve, errors, message);
    }
}

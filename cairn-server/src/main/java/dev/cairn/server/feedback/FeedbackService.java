package dev.cairn.server.feedback;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.feed.ChangeKind;
import dev.cairn.server.feed.ChangeLog;
import dev.cairn.server.signal.Signal;
import dev.cairn.server.signal.SignalChanged;
import dev.cairn.server.signal.SignalService;
import dev.cairn.server.signal.SignalStatus;
import dev.cairn.server.signal.UuidV7;
import dev.cairn.server.support.Db;
import dev.cairn.server.web.ApiException;
import dev.cairn.server.web.FieldError;
import dev.cairn.server.web.JsonFields;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Feedback and disputes. Every write locks the signal's row first, so the writes of one signal serialise and the
 * summary recounted at the end of each is exact; the summary reaches the match path after commit.
 */
@Service
public class FeedbackService {
    private static final Set<String> FEEDBACK_FIELDS = Set.of("outcome", "accounts_actioned", "content_removed",
            "report_reference", "human_reviewed", "note");

    private final FeedbackRepository repository;
    private final SignalService signals;
    private final ApplicationEventPublisher events;
    private final ChangeLog changeLog;

    public FeedbackService(FeedbackRepository repository, SignalService signals, ApplicationEventPublisher events,
                           ChangeLog changeLog) {
        this.repository = repository;
        this.signals = signals;
        this.events = events;
        this.changeLog = changeLog;
    }

    /** @param created whether this is the participant's first feedback on the signal (otherwise it replaced one) */
    public record Recorded(Feedback feedback, boolean created) {
    }

    /** What a caller may see of a signal's feedback: everything for the owner, its own rows for anyone else. */
    public record FeedbackPage(Signal signal, boolean owner, List<Feedback> current, List<Feedback> history,
                               List<Feedback> everyone, FeedbackSummary summary) {
    }

    public record DisputePage(Signal signal, boolean owner, List<Dispute> disputes, int openDisputes) {
    }

    @Transactional
    public Recorded give(Caller caller, UUID signalId, JsonNode body) {
        caller.require(Scope.WRITE);
        Signal s = lockVisible(caller, signalId);
        if (s.ownerId().equals(caller.participantId())) {
            throw ApiException.conflict("own-signal",
                    "Feedback is for other participants' signals; amend or retract your own signal instead");
        }
        List<FieldError> errors = new ArrayList<>();
        JsonFields f = JsonFields.of(body, "", errors, FEEDBACK_FIELDS);
        String outcomeName = f.string("outcome", true, 32);
        Outcome outcome = outcomeName == null ? null : Outcome.parse(outcomeName.strip());
        if (outcomeName != null && outcome == null) {
            f.reject("outcome", "must be one of " + Arrays.toString(Outcome.values()));
        }
        Integer accounts = count(f, "accounts_actioned", outcome);
        Integer content = count(f, "content_removed", outcome);
        String reference = f.string("report_reference", false, 100);
        if (reference != null) {
            reference = reference.isBlank() ? null : reference.strip();
        }
        if (reference != null && outcome != null && outcome != Outcome.REPORTED_TO_AUTHORITIES && outcome != Outcome.ACTIONED) {
            f.reject("report_reference", "applies to REPORTED_TO_AUTHORITIES and ACTIONED only");
        }
        int before = errors.size();
        Boolean human = f.bool("human_reviewed");
        if (human == null && errors.size() == before) {
            f.reject("human_reviewed", "is required: say whether a person reviewed the match");
        } else if (Boolean.FALSE.equals(human) && outcome != null && outcome.needsHumanReview()) {
            f.reject("human_reviewed", "must be true for " + outcome + ": only a person may report this outcome");
        }
        String note = f.string("note", false, 1000);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        var current = repository.current(signalId, caller.participantId());
        Feedback feedback = new Feedback(signalId, caller.participantId(), caller.participantSlug(), outcome,
                accounts, content, reference, human, note == null || note.isBlank() ? null : note.strip(),
                current.map(c -> c.revision() + 1).orElse(1), Db.now());
        repository.save(feedback, current.isPresent());
        publishSummary(signalId);
        return new Recorded(feedback, current.isEmpty());
    }

    /** accounts_actioned and content_removed: required with ACTIONED, refused with any other outcome. */
    private static Integer count(JsonFields f, String name, Outcome outcome) {
        int before = f.errors().size();
        Integer n = f.integer(name, false, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (n != null && n < 0) {
            f.reject(name, "must be a non-negative integer");
            return null;
        }
        if (f.errors().size() > before || outcome == null) {
            return n;
        }
        if (outcome == Outcome.ACTIONED && n == null) {
            f.reject(name, "is required for ACTIONED (0 if none)");
        } else if (outcome != Outcome.ACTIONED && n != null) {
            f.reject(name, "applies to ACTIONED only");
        }
        return n;
    }

    public FeedbackPage feedback(Caller caller, UUID signalId) {
        Signal s = signals.get(caller, signalId);
        boolean owner = s.ownerId().equals(caller.participantId());
        UUID only = owner ? null : caller.participantId();
        List<Feedback> everyone = repository.currentOf(signalId, null);
        List<Feedback> current = owner ? everyone
                : everyone.stream().filter(x -> x.participantId().equals(caller.participantId())).toList();
        return new FeedbackPage(s, owner, current, repository.historyOf(signalId, only), everyone,
                repository.summary(signalId));
    }

    @Transactional
    public Dispute dispute(Caller caller, UUID signalId, JsonNode body) {
        caller.require(Scope.WRITE);
        Signal s = lockVisible(caller, signalId);
        if (s.ownerId().equals(caller.participantId())) {
            throw ApiException.conflict("own-signal", "You cannot dispute your own signal; amend or retract it instead");
        }
        List<FieldError> errors = new ArrayList<>();
        JsonFields f = JsonFields.of(body, "", errors, Set.of("reason"));
        String reason = f.string("reason", true, 1000);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (repository.openDispute(signalId, caller.participantId()).isPresent()) {
            throw ApiException.conflict("dispute-open",
                    "You already have an open dispute of this signal; wait for the owner to resolve it");
        }
        Dispute d = new Dispute(UuidV7.next(), signalId, caller.participantId(), caller.participantSlug(),
                reason.strip(), s.version(), Dispute.Status.OPEN, null, null, Db.now(), null);
        repository.insertDispute(d);
        publishSummary(signalId);
        changeLog.appendFor(s, ChangeKind.DISPUTED, s.ownerId(), d.id());
        return d;
    }

    public DisputePage disputes(Caller caller, UUID signalId) {
        Signal s = signals.get(caller, signalId);
        boolean owner = s.ownerId().equals(caller.participantId());
        List<Dispute> all = repository.disputes(signalId, null);
        int open = (int) all.stream().filter(Dispute::open).count();
        List<Dispute> shown = owner ? all : all.stream().filter(d -> d.participantId().equals(caller.participantId())).toList();
        return new DisputePage(s, owner, shown, open);
    }

    /** The owner answers a dispute. RETRACTED retracts the signal, which closes every open dispute of it. */
    @Transactional
    public Dispute resolve(Caller caller, UUID signalId, UUID disputeId, JsonNode body) {
        caller.require(Scope.WRITE);
        Signal s = lockVisible(caller, signalId);
        if (!s.ownerId().equals(caller.participantId())) {
            throw ApiException.forbidden("Only the participant that shared a signal may resolve its disputes");
        }
        Dispute d = repository.dispute(signalId, disputeId).orElseThrow(() -> ApiException.notFound("Dispute"));
        List<FieldError> errors = new ArrayList<>();
        JsonFields f = JsonFields.of(body, "", errors, Set.of("resolution", "note"));
        String name = f.string("resolution", true, 16);
        Resolution resolution = name == null ? null : Resolution.parse(name.strip());
        if (name != null && resolution == null) {
            f.reject("resolution", "must be one of " + Arrays.toString(Resolution.values()));
        }
        String note = f.string("note", false, 1000);
        note = note == null || note.isBlank() ? null : note.strip();
        if (note == null && (resolution == Resolution.UPHELD || resolution == Resolution.AMENDED)) {
            f.reject("note", "is required for " + resolution + ": tell the disputant why");
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (!d.open()) {
            throw ApiException.conflict("dispute-resolved", "This dispute was already resolved (" + d.resolution() + ")");
        }
        if (resolution != Resolution.RETRACTED && s.status() != SignalStatus.ACTIVE) {
            throw ApiException.conflict("signal-not-active", "The signal is no longer active; resolve as RETRACTED");
        }
        if (resolution == Resolution.AMENDED && s.version() <= d.signalVersion()) {
            throw ApiException.conflict("not-amended",
                    "The signal has not changed since the dispute was opened; amend it (PATCH) first, or resolve as UPHELD");
        }
        if (resolution == Resolution.RETRACTED) {
            if (s.status() == SignalStatus.ACTIVE) {
                // The retraction closes this dispute and any other open one (see onSignalChanged).
                signals.retract(caller, signalId, note == null ? "retracted after dispute" : note);
            } else {
                close(List.of(d), s, Resolution.RETRACTED, note);
            }
            return repository.dispute(signalId, disputeId).orElseThrow();
        }
        close(List.of(d), s, resolution, note);
        return repository.dispute(signalId, disputeId).orElseThrow();
    }

    /**
     * A retracted signal cannot be wrong any more: its open disputes close as RETRACTED, with the retraction's reason,
     * however it was retracted. Runs inside the retracting transaction, before its change event is appended.
     */
    @EventListener
    public void onSignalChanged(SignalChanged event) {
        Map<UUID, Signal> retracted = event.signals().stream().filter(s -> s.status() == SignalStatus.RETRACTED)
                .collect(Collectors.toMap(Signal::id, s -> s, (a, b) -> b));
        if (retracted.isEmpty()) {
            return;
        }
        Map<UUID, List<Dispute>> open = repository.openDisputes(retracted.keySet()).stream()
                .collect(Collectors.groupingBy(Dispute::signalId));
        open.forEach((id, disputes) -> {
            Signal s = retracted.get(id);
            close(disputes, s, Resolution.RETRACTED, s.statusReason());
        });
    }

    private void close(List<Dispute> disputes, Signal s, Resolution resolution, String note) {
        Instant now = Db.now();
        for (Dispute d : disputes) {
            repository.resolve(d.id(), resolution, note, now);
        }
        publishSummary(s.id());
        for (Dispute d : disputes) {
            changeLog.appendFor(s, ChangeKind.DISPUTE_RESOLVED, d.participantId(), d.id());
        }
    }

    private void publishSummary(UUID signalId) {
        events.publishEvent(new FeedbackSummaryChanged(signalId, repository.refreshSummary(signalId)));
    }

    /**
     * Locks the signal's row, then checks visibility through {@link SignalService#get} (404 when the caller may not
     * see it), reading the state the lock protects. Locking first reveals nothing: a missing signal is a 404 too.
     */
    private Signal lockVisible(Caller caller, UUID signalId) {
        if (!repository.lockSignal(signalId)) {
            throw ApiException.notFound("Signal");
        }
        return signals.get(caller, signalId);
    }
}

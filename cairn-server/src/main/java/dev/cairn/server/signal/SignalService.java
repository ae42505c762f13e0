package dev.cairn.server.signal;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.feed.ChangeKind;
import dev.cairn.server.feed.ChangeLog;
import dev.cairn.server.support.Db;
import dev.cairn.server.web.ApiException;
import dev.cairn.server.web.FieldError;
import dev.cairn.server.web.JsonFields;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Submitting, reading, amending and retracting signals. Every write is all-or-nothing. */
@Service
public class SignalService {
    private static final Set<String> PATCHABLE = Set.of("confidence", "categories", "description", "valid_until");

    private final SignalRepository repository;
    private final SignalReader reader;
    private final ApplicationEventPublisher events;
    private final ChangeLog changeLog;
    private final SignalScores scores;
    private final dev.cairn.server.sharing.SharingGroups groups;

    public SignalService(SignalRepository repository, SignalReader reader, ApplicationEventPublisher events,
                         ChangeLog changeLog, SignalScores scores, dev.cairn.server.sharing.SharingGroups groups) {
        this.groups = groups;
        this.repository = repository;
        this.reader = reader;
        this.events = events;
        this.changeLog = changeLog;
        this.scores = scores;
    }

    /** Validates every item first; stores all of them or, if any is invalid, none. */
    @Transactional
    public List<Signal> submit(Caller caller, List<JsonNode> items, String prefixPattern, String region) {
        caller.require(Scope.WRITE);
        Instant now = Db.now();
        List<FieldError> errors = new ArrayList<>();
        List<SignalDraft> drafts = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String prefix = prefixPattern.isEmpty() ? "" : prefixPattern.formatted(i);
            drafts.add(reader.read(items.get(i), prefix, errors, now, region, caller.participantId()));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        List<Signal> signals = new ArrayList<>(drafts.size());
        for (SignalDraft d : drafts) {
            signals.add(new Signal(UuidV7.next(), d.type(), d.value(), d.matchKey(), d.blinded(), d.categories(),
                    d.confidence(), d.description(), d.tags(), d.platform(), d.quality(), d.validUntil(),
                    SignalStatus.ACTIVE, null, caller.participantId(), caller.participantSlug(), now, now, 1,
                    d.visibility(), d.sharingGroupId()));
        }
        repository.insertAll(signals);
        events.publishEvent(new SignalChanged(signals));
        changeLog.append(signals, ChangeKind.CREATED);
        return signals;
    }

    public Signal get(Caller caller, UUID id) {
        caller.require(Scope.READ);
        return repository.find(id).filter(s -> s.visibleTo(caller.participantId(), groups.groupsOf(caller.participantId())))
                .orElseThrow(() -> ApiException.notFound("Signal"));
    }

    public List<Signal> list(Caller caller, SignalRepository.Query query) {
        caller.require(Scope.READ);
        return repository.list(query, groups.groupsOf(query.viewer()));
    }

    /** A page of a listing; {@code next} is where the following page starts, null at the end. */
    public record Listing(List<Signal> signals, SignalRepository.Cursor next) {
    }

    /** Rows examined per page at most when filtering by score, so a selective filter cannot make one request unbounded. */
    static final int MAX_SCANNED_PER_PAGE = 10_000;

    /**
     * Up to {@code query.limit()} signals, newest first; with {@code minScore}, only those scoring at least that much.
     * The score depends on the time of asking, so it is filtered here rather than in SQL; a filtered page may hold
     * fewer signals than the limit (even none) while {@code next} is not null.
     */
    public Listing list(Caller caller, SignalRepository.Query query, Integer minScore) {
        caller.require(Scope.READ);
        int limit = query.limit();
        List<Signal> out = new ArrayList<>();
        SignalRepository.Cursor after = query.after();
        int scanned = 0;
        while (true) {
            int chunk = minScore == null ? limit + 1 : Math.min(1000, Math.max(limit + 1, 100));
            List<Signal> rows = repository.list(new SignalRepository.Query(query.viewer(), query.type(), query.category(),
                    query.owner(), query.status(), query.createdSince(), after, chunk), groups.groupsOf(query.viewer()));
            for (Signal s : rows) {
                scanned++;
                after = new SignalRepository.Cursor(s.createdAt(), s.id());
                if (minScore == null || scores.score(s) >= minScore) {
                    if (out.size() == limit) {
                        Signal last = out.getLast();
                        return new Listing(out, new SignalRepository.Cursor(last.createdAt(), last.id()));
                    }
                    out.add(s);
                }
                if (minScore != null && scanned >= MAX_SCANNED_PER_PAGE) {
                    return new Listing(out, after);
                }
            }
            if (rows.size() < chunk) {
                return new Listing(out, null);
            }
        }
    }

    public int score(Signal s) {
        return scores.score(s);
    }

    @Transactional
    public Signal amend(Caller caller, UUID id, JsonNode body, Long expectedVersion) {
        caller.require(Scope.WRITE);
        Signal current = ownedForUpdate(caller, id);
        List<FieldError> errors = new ArrayList<>();
        if (body != null && body.isObject()) {
            for (String name : body.propertyNames()) {
                if (SignalReader.FIELDS.contains(name) && !PATCHABLE.contains(name)) {
                    errors.add(new FieldError(name, "cannot be changed; retract the signal and submit a new one"));
                }
            }
        }
        JsonFields f = JsonFields.of(body, "", errors, SignalReader.FIELDS);
        Instant now = Db.now();
        Integer confidence = f.integer("confidence", false, 0, 100);
        List<String> categories = f.has("categories") ? reader.readCategories(f) : null;
        String description = f.string("description", false, 2000);
        Instant validUntil = f.instant("valid_until");
        if (validUntil != null) {
            if (!validUntil.isAfter(now)) {
                f.reject("valid_until", "must be in the future");
            } else if (validUntil.isAfter(current.createdAt().plus(reader.maxValidity()))) {
                f.reject("valid_until", "must be within the maximum validity from the signal's creation");
            }
        }
        if (current.status() != SignalStatus.ACTIVE) {
            throw ApiException.conflict("signal-not-active", "Only active signals can be amended");
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new ApiException(org.springframework.http.HttpStatus.PRECONDITION_FAILED, "version-mismatch",
                    "The signal has changed since version " + expectedVersion + "; it is now at " + current.version(), null);
        }
        Signal amended = new Signal(current.id(), current.type(), current.value(), current.matchKey(), current.blinded(),
                categories == null ? current.categories() : categories,
                confidence == null ? current.confidence() : confidence,
                f.has("description") ? (description == null || description.isBlank() ? null : description.strip()) : current.description(),
                current.tags(), current.platform(), current.quality(),
                validUntil == null ? current.validUntil() : validUntil, current.status(), current.statusReason(),
                current.ownerId(), current.ownerSlug(), current.createdAt(), now, current.version() + 1, current.visibility(), current.sharingGroupId());
        if (!repository.update(amended, current.version())) {
            throw ApiException.conflict("concurrent-update", "The signal was changed concurrently; fetch it and retry");
        }
        events.publishEvent(new SignalChanged(List.of(amended)));
        changeLog.append(List.of(amended), ChangeKind.UPDATED);
        return amended;
    }

    @Transactional
    public Signal retract(Caller caller, UUID id, String reason) {
        caller.require(Scope.WRITE);
        Signal current = ownedForUpdate(caller, id);
        if (current.status() != SignalStatus.ACTIVE) {
            throw ApiException.conflict("signal-not-active", "The signal is already " + current.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        Instant now = Db.now();
        Signal retracted = new Signal(current.id(), current.type(), current.value(), current.matchKey(), current.blinded(),
                current.categories(), current.confidence(), current.description(), current.tags(), current.platform(),
                current.quality(), current.validUntil(), SignalStatus.RETRACTED, reason, current.ownerId(),
                current.ownerSlug(), current.createdAt(), now, current.version() + 1, current.visibility(), current.sharingGroupId());
        if (!repository.update(retracted, current.version())) {
            throw ApiException.conflict("concurrent-update", "The signal was changed concurrently; fetch it and retry");
        }
        events.publishEvent(new SignalChanged(List.of(retracted)));
        changeLog.append(List.of(retracted), ChangeKind.RETRACTED);
        return retracted;
    }

    /** Marks signals past their validity EXPIRED. Returns how many. */
    @Transactional
    public int expireDue(int batch) {
        Instant now = Db.now();
        List<UUID> due = repository.dueForExpiry(now, batch);
        List<Signal> expired = repository.expire(due, now);
        if (!expired.isEmpty()) {
            events.publishEvent(new SignalChanged(expired));
            changeLog.append(expired, ChangeKind.EXPIRED);
        }
        return expired.size();
    }

    private Signal ownedForUpdate(Caller caller, UUID id) {
        Signal s = repository.findForUpdate(id).filter(x -> x.visibleTo(caller.participantId(), groups.groupsOf(caller.participantId())))
                .orElseThrow(() -> ApiException.notFound("Signal"));
        if (!s.ownerId().equals(caller.participantId())) {
            throw ApiException.forbidden("Only the participant that shared a signal may change it");
        }
        return s;
    }
}

package dev.cairn.server.signal;

import dev.cairn.core.signal.SignalType;
import dev.cairn.server.CairnProperties;
import dev.cairn.server.auth.Caller;
import dev.cairn.server.participant.ParticipantService;
import dev.cairn.server.web.ApiException;
import dev.cairn.server.web.FieldError;
import dev.cairn.server.web.QueryParams;
import dev.cairn.server.web.JsonFields;
import dev.cairn.server.web.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/signals")
public class SignalController {
    private final SignalService signals;
    private final ParticipantService participants;
    private final RequestBodies bodies;
    private final int maxBatch;

    public SignalController(SignalService signals, ParticipantService participants, RequestBodies bodies,
                            CairnProperties properties) {
        this.signals = signals;
        this.participants = participants;
        this.bodies = bodies;
        this.maxBatch = properties.maxBatchItems();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<SignalView> submit(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body,
                                                      @RequestParam(required = false) String region) {
        Signal s = signals.submit(caller, List.of(body), "", RequestBodies.region(region)).getFirst();
        return ResponseEntity.created(URI.create("/api/v1/signals/" + s.id()))
                .eTag("\"" + s.version() + "\"").body(SignalView.of(s, signals.score(s)));
    }

    @PostMapping(path = "/batch", consumes = {MediaType.APPLICATION_JSON_VALUE, RequestBodies.NDJSON})
    public ResponseEntity<Map<String, Object>> submitBatch(@AuthenticationPrincipal Caller caller,
                                                           HttpServletRequest request,
                                                           @RequestParam(required = false) String region) {
        List<JsonNode> items = bodies.items(request, "signals", maxBatch);
        List<Signal> created = signals.submit(caller, items, "[%d]", RequestBodies.region(region));
        List<Map<String, Object>> out = new ArrayList<>(created.size());
        for (int i = 0; i < created.size(); i++) {
            Signal s = created.get(i);
            out.add(Map.of("index", i, "id", s.id(), "match_key", s.matchKey(), "valid_until", s.validUntil()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("created", created.size());
        body.put("signals", out);
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    @GetMapping("/{id}")
    public ResponseEntity<SignalView> get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        Signal s = signals.get(caller, id);
        return ResponseEntity.ok().eTag("\"" + s.version() + "\"").body(SignalView.of(s, signals.score(s)));
    }

    @GetMapping
    public Map<String, Object> list(@AuthenticationPrincipal Caller caller,
                                    @RequestParam(required = false) String type,
                                    @RequestParam(required = false) String category,
                                    @RequestParam(required = false) String owner,
                                    @RequestParam(required = false) String status,
                                    @RequestParam(name = "created_since", required = false) String createdSince,
                                    @RequestParam(required = false) String cursor,
                                    @RequestParam(name = "min_score", required = false) String minScore,
                                    @RequestParam(required = false, defaultValue = "100") String limit) {
        List<FieldError> errors = new ArrayList<>();
        SignalType t = null;
        if (type != null) {
            t = SignalType.parse(type);
            if (t == null) {
                errors.add(new FieldError("type", "unknown signal type"));
            }
        }
        UUID ownerId = null;
        if (owner != null) {
            if (owner.equals("me")) {
                ownerId = caller.participantId();
            } else {
                try {
                    ownerId = UUID.fromString(owner);
                } catch (IllegalArgumentException e) {
                    ownerId = participants.findBySlug(owner).map(p -> p.id()).orElse(null);
                    if (ownerId == null) {
                        errors.add(new FieldError("owner", "no participant with this id or slug"));
                    }
                }
            }
        }
        SignalStatus st = null;
        if (status != null) {
            try {
                st = SignalStatus.valueOf(status.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("status", "must be one of ACTIVE, RETRACTED, EXPIRED"));
            }
        }
        Instant since = null;
        if (createdSince != null) {
            try {
                since = java.time.OffsetDateTime.parse(createdSince).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("created_since", "must be an RFC 3339 timestamp"));
            }
        }
        SignalRepository.Cursor after = null;
        if (cursor != null) {
            after = SignalRepository.Cursor.decode(cursor);
            if (after == null) {
                errors.add(new FieldError("cursor", "is not a cursor returned by this endpoint"));
            }
        }
        int n = QueryParams.bounded("limit", limit, 1, 1000, errors);
        Integer min = null;
        if (minScore != null) {
            try {
                min = Integer.parseInt(minScore);
                if (min < 0 || min > 100) {
                    errors.add(new FieldError("min_score", "must be between 0 and 100"));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("min_score", "must be an integer"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.malformed("Invalid query parameters", errors);
        }
        String cat = category == null ? null : category.toUpperCase(Locale.ROOT);
        SignalService.Listing page = signals.list(caller, new SignalRepository.Query(caller.participantId(), t, cat,
                ownerId, st, since, after, n), min);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("signals", page.signals().stream().map(s -> SignalView.of(s, signals.score(s))).toList());
        out.put("next_cursor", page.next() == null ? null : page.next().encode());
        return out;
    }

    @PatchMapping(path = "/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    public ResponseEntity<SignalView> amend(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
                                                     @RequestBody JsonNode body,
                                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Long expected = null;
        if (ifMatch != null) {
            try {
                expected = Long.parseLong(ifMatch.replace("\"", "").replace("W/", "").trim());
            } catch (NumberFormatException e) {
                throw ApiException.malformed("Invalid If-Match header",
                        List.of(new FieldError(HttpHeaders.IF_MATCH, "must be the signal's ETag, e.g. \"3\"")));
            }
        }
        Signal s = signals.amend(caller, id, body, expected);
        return ResponseEntity.ok().eTag("\"" + s.version() + "\"").body(SignalView.of(s, signals.score(s)));
    }

    @PostMapping("/{id}/retract")
    public SignalView retract(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
                                       @RequestBody(required = false) JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        JsonFields f = JsonFields.of(body, "", errors, Set.of("reason"));
        String reason = f.string("reason", true, 1000);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        Signal s = signals.retract(caller, id, reason.strip());
        return SignalView.of(s, signals.score(s));
    }
}

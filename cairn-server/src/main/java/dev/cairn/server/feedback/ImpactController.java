package dev.cairn.server.feedback;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.participant.Participant;
import dev.cairn.server.support.Db;
import dev.cairn.server.web.ApiException;
import dev.cairn.server.web.FieldError;
import dev.cairn.server.web.QueryParams;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code GET /api/v1/participants/me/impact} and {@code GET /api/v1/impact/flows}. */
@RestController
@RequestMapping("/api/v1")
public class ImpactController {
    private final ImpactService impact;

    public ImpactController(ImpactService impact) {
        this.impact = impact;
    }

    @GetMapping("/participants/me/impact")
    public Map<String, Object> mine(@AuthenticationPrincipal Caller caller,
                                    @RequestParam(required = false) String since,
                                    @RequestParam(required = false) String until,
                                    @RequestParam(required = false) String cursor,
                                    @RequestParam(required = false, defaultValue = "100") String limit) {
        List<FieldError> errors = new ArrayList<>();
        ImpactService.Window w = window(since, until, errors);
        UUID after = null;
        if (cursor != null) {
            try {
                after = UUID.fromString(cursor);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("cursor", "is not a cursor returned by this endpoint"));
            }
        }
        int n = QueryParams.bounded("limit", limit, 1, 1000, errors);
        if (!errors.isEmpty()) {
            throw ApiException.malformed("Invalid query parameters", errors);
        }
        ImpactService.OwnerImpact result = impact.forOwner(caller, w, after, n);
        Map<String, Object> totals = result.totals().view();
        totals.put("signals", result.signalsWithImpact());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("since", w.since().equals(Instant.EPOCH) ? null : w.since());
        out.put("until", w.until());
        out.put("totals", totals);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ImpactService.SignalImpact s : result.signals()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("signal_id", s.signal().id());
            row.put("type", s.signal().type());
            row.put("categories", s.signal().categories());
            row.put("status", s.signal().status());
            row.putAll(s.impact().view());
            rows.add(row);
        }
        out.put("signals", rows);
        out.put("next_cursor", result.nextCursor());
        return out;
    }

    @GetMapping("/impact/flows")
    public Map<String, Object> flows(@AuthenticationPrincipal Caller caller,
                                     @RequestParam(required = false) String since,
                                     @RequestParam(required = false) String until) {
        List<FieldError> errors = new ArrayList<>();
        ImpactService.Window w = window(since, until, errors);
        if (!errors.isEmpty()) {
            throw ApiException.malformed("Invalid query parameters", errors);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ImpactService.Flow f : impact.flows(caller, w)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("from", participant(f.from()));
            row.put("to", participant(f.to()));
            row.put("signals_matched", f.signalsMatched());
            Map<String, Object> figures = f.impact().view();
            figures.remove("matching_participants");
            row.putAll(figures);
            rows.add(row);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("since", w.since().equals(Instant.EPOCH) ? null : w.since());
        out.put("until", w.until());
        out.put("flows", rows);
        return out;
    }

    private static Map<String, Object> participant(Participant p) {
        return FeedbackViews.participant(p.id(), p.slug());
    }

    /** Both ends optional: from the beginning, until now. */
    private static ImpactService.Window window(String since, String until, List<FieldError> errors) {
        Instant s = instant("since", since, errors, Instant.EPOCH);
        Instant u = instant("until", until, errors, Db.now());
        if (s != null && u != null && !s.isBefore(u)) {
            errors.add(new FieldError("until", "must be after since"));
        }
        return new ImpactService.Window(s, u);
    }

    private static Instant instant(String name, String value, List<FieldError> errors, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an RFC 3339 timestamp such as 2026-01-31T00:00:00Z"));
            return null;
        }
    }
}

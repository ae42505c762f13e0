package dev.cairn.server.match;

import dev.cairn.server.CairnProperties;
import dev.cairn.server.auth.Caller;
import dev.cairn.server.web.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/v1/match}: up to 10,000 mixed items per request. {@code /api/v1/lookup} is kept as an alias for
 * clients written against the first release.
 */
@RestController
@RequestMapping("/api/v1")
public class MatchController {
    private final MatchService matching;
    private final RequestBodies bodies;
    private final int maxItems;

    public MatchController(MatchService matching, RequestBodies bodies, CairnProperties properties) {
        this.matching = matching;
        this.bodies = bodies;
        this.maxItems = properties.maxBatchItems();
    }

    @PostMapping(path = {"/match", "/lookup"}, consumes = {MediaType.APPLICATION_JSON_VALUE, RequestBodies.NDJSON})
    public Map<String, Object> match(@AuthenticationPrincipal Caller caller, HttpServletRequest request,
                                     @RequestParam(required = false) String region,
                                     @RequestParam(name = "min_score", required = false) String minScore,
                                     @RequestParam(name = "include_disputed", required = false) String includeDisputed) {
        RequestBodies.FlatEnvelope body = bodies.flatItems(request, "items", maxItems);
        MatchOptions options = matching.options(body.options(), minScore, includeDisputed);
        List<MatchItem> items = matching.read(body.items(), RequestBodies.region(region));
        List<MatchHit> hits = matching.match(caller, items, options);
        List<Map<String, Object>> results = new ArrayList<>();
        Map<String, Object> current = null;
        List<Map<String, Object>> currentMatches = null;
        int currentIndex = -1;
        for (MatchHit h : hits) {
            if (h.itemIndex() != currentIndex) {
                currentIndex = h.itemIndex();
                currentMatches = new ArrayList<>();
                current = new LinkedHashMap<>();
                current.put("index", currentIndex);
                current.put("type", items.get(currentIndex).type());
                current.put("matches", currentMatches);
                results.add(current);
            }
            IndexedSignal s = h.signal();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("signal_id", s.id);
            m.put("owner", Map.of("id", s.owner, "slug", s.ownerSlug == null ? "" : s.ownerSlug));
            m.put("categories", s.categories);
            m.put("confidence", s.confidence);
            m.put("method", h.method().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            if (h.distance() >= 0) {
                m.put("distance", h.distance());
            }
            if (s.platform != null) {
                m.put("platform", s.platform);
            }
            m.put("score", h.assessment().score());
            m.put("open_disputes", h.assessment().openDisputes());
            if (h.assessment().suspended()) {
                // Only with include_disputed: enough participants dispute this signal that it does not match by default.
                m.put("suspended", true);
            }
            currentMatches.add(m);
        }
        dev.cairn.server.audit.AuditInterceptor.detail(request, "items=" + items.size() + " matched_items=" + results.size()
                + " matches=" + hits.size());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items.size());
        out.put("matched_items", results.size());
        out.put("results", results);
        return out;
    }
}

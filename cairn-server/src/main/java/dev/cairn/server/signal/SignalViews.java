package dev.cairn.server.signal;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shape of a signal in API responses. */
public final class SignalViews {
    private SignalViews() {
    }

    /** With {@code score}, the quality score (0-100) at the time of the response. */
    public static Map<String, Object> view(Signal s, int score) {
        Map<String, Object> m = view(s);
        m.put("score", score);
        return m;
    }

    public static Map<String, Object> view(Signal s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("type", s.type());
        boolean erased = s.value() == null || s.value().isEmpty();
        m.put("value", erased ? null : s.value());
        m.put("match_key", erased ? null : s.matchKey());
        if (erased) {
            m.put("erased", true);
        }
        m.put("blinded", s.blinded());
        m.put("categories", s.categories());
        m.put("confidence", s.confidence());
        m.put("description", s.description());
        m.put("tags", s.tags());
        if (s.platform() != null) {
            m.put("platform", s.platform());
        }
        if (s.quality() != null) {
            m.put("quality", s.quality());
        }
        m.put("valid_until", s.validUntil());
        m.put("status", s.status());
        if (s.statusReason() != null) {
            m.put("status_reason", s.statusReason());
        }
        m.put("owner", Map.of("id", s.ownerId(), "slug", s.ownerSlug() == null ? "" : s.ownerSlug()));
        m.put("created_at", s.createdAt());
        m.put("updated_at", s.updatedAt());
        m.put("version", s.version());
        return m;
    }
}

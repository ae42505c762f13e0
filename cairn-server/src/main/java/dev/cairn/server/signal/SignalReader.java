package dev.cairn.server.signal;

import dev.cairn.core.normalize.NormalizeOptions;
import dev.cairn.core.normalize.Normalized;
import dev.cairn.core.normalize.SignalNormalizer;
import dev.cairn.core.signal.InvalidValueException;
import dev.cairn.core.signal.SignalType;
import dev.cairn.server.CairnProperties;
import dev.cairn.server.taxonomy.Category;
import dev.cairn.server.taxonomy.TaxonomyService;
import dev.cairn.server.web.FieldError;
import dev.cairn.server.web.JsonFields;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one submitted JSON object into a {@link SignalDraft}, or records why it cannot be one. Shared by single and
 * batch submission, so both report the same errors for the same input.
 */
@Component
public class SignalReader {
    static final Set<String> FIELDS = Set.of("type", "value", "blinded", "categories", "confidence", "description",
            "tags", "platform", "quality", "valid_until", "region", "visibility", "sharing_group");
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9:._-]{0,63}");
    private static final Pattern PLATFORM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern REGION = Pattern.compile("[A-Z]{2}");

    private final TaxonomyService taxonomy;
    private final dev.cairn.server.sharing.SharingGroups groups;
    private final Duration maxValidity;
    private final String defaultRegion;
    private final int minPdqQuality;

    public SignalReader(TaxonomyService taxonomy, CairnProperties properties,
                        @Value("${cairn.pdq.min-quality:50}") int minPdqQuality,
                        dev.cairn.server.sharing.SharingGroups groups) {
        this.taxonomy = taxonomy;
        this.groups = groups;
        this.maxValidity = properties.maxValidity();
        this.defaultRegion = properties.defaultPhoneRegion();
        this.minPdqQuality = minPdqQuality;
    }

    /** The hard cap on any signal's validity, counted from its creation. */
    public Duration maxValidity() {
        return maxValidity;
    }

    public int minPdqQuality() {
        return minPdqQuality;
    }

    /** Reads a region ("US") from a field or parameter; null and an error when malformed. */
    public String region(JsonFields f, String fallback) {
        String r = f.string("region", false, 2);
        if (r == null) {
            return fallback == null ? defaultRegion : fallback;
        }
        r = r.toUpperCase(Locale.ROOT);
        if (!REGION.matcher(r).matches()) {
            f.reject("region", "must be an ISO 3166 two-letter region code");
            return null;
        }
        return r;
    }

    public SignalDraft read(JsonNode node, String prefix, List<FieldError> errors, Instant now, String requestRegion) {
        return read(node, prefix, errors, now, requestRegion, null);
    }

    /** Reads one submission by {@code owner} (whose sharing groups bound the visibility it may choose). */
    public SignalDraft read(JsonNode node, String prefix, List<FieldError> errors, Instant now, String requestRegion,
                            java.util.UUID owner) {
        int before = errors.size();
        JsonFields f = JsonFields.of(node, prefix, errors, FIELDS);
        String typeName = f.string("type", true, 32);
        SignalType type = typeName == null ? null : SignalType.parse(typeName);
        if (typeName != null && type == null) {
            f.reject("type", "unknown signal type; expected one of " + List.of(SignalType.values()));
        }
        String value = f.string("value", true, 4096);
        boolean blinded = Boolean.TRUE.equals(f.bool("blinded"));
        String region = region(f, requestRegion);
        Normalized normalized = null;
        if (type != null && value != null && region != null) {
            try {
                normalized = blinded ? SignalNormalizer.normalizeBlinded(type, value)
                        : SignalNormalizer.normalize(type, value, new NormalizeOptions(region));
                if (normalized.key().length() > 4096) {
                    f.reject("value", "is too long once normalised");
                }
            } catch (InvalidValueException e) {
                f.reject(blinded && !type.blindable() ? "blinded" : "value", e.getMessage());
            }
        }
        List<String> categories = readCategories(f);
        Integer confidence = f.integer("confidence", true, 0, 100);
        String description = f.string("description", false, 2000);
        List<String> tags = readTags(f);
        String platform = f.string("platform", false, 100);
        if (platform != null) {
            platform = platform.strip().toLowerCase(Locale.ROOT);
            if (type != null && type != SignalType.USERNAME) {
                f.reject("platform", "applies to USERNAME signals only");
            } else if (!PLATFORM.matcher(platform).matches()) {
                f.reject("platform", "must be a service name of letters, digits, '.', '_' or '-' (e.g. example-chat)");
            }
        }
        Integer quality = f.integer("quality", false, 0, 100);
        if (type == SignalType.PDQ) {
            if (quality == null && !f.has("quality")) {
                f.reject("quality", "is required for PDQ signals (the quality your PDQ hasher reported)");
            } else if (quality != null && quality < minPdqQuality) {
                f.reject("quality", "PDQ hashes with quality below " + minPdqQuality + " are too unreliable to share");
            }
        } else if (quality != null) {
            f.reject("quality", "applies to PDQ signals only");
        }
        Instant validUntil = f.instant("valid_until");
        if (validUntil != null) {
            if (!validUntil.isAfter(now)) {
                f.reject("valid_until", "must be in the future");
            } else if (validUntil.isAfter(now.plus(maxValidity))) {
                f.reject("valid_until", "must be at most " + maxValidity.toDays() + " days ahead");
            }
        }
        Visibility visibility = Visibility.ALL;
        String visibilityName = f.string("visibility", false, 16);
        if (visibilityName != null) {
            try {
                visibility = Visibility.valueOf(visibilityName.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                f.reject("visibility", "must be one of ALL, GROUP, PRIVATE");
            }
        }
        String groupText = f.string("sharing_group", false, 36);
        java.util.UUID group = null;
        if (visibility == Visibility.GROUP) {
            if (groupText == null) {
                f.reject("sharing_group", "is required when visibility is GROUP");
            } else {
                try {
                    group = java.util.UUID.fromString(groupText);
                    if (owner != null && !groups.isMember(owner, group)) {
                        f.reject("sharing_group", "is not a sharing group you belong to");
                    }
                } catch (IllegalArgumentException e) {
                    f.reject("sharing_group", "must be a sharing group id");
                }
            }
        } else if (groupText != null) {
            f.reject("sharing_group", "applies only when visibility is GROUP");
        }
        if (errors.size() > before) {
            return null;
        }
        if (validUntil == null) {
            validUntil = now.plus(defaultValidity(categories));
        }
        return new SignalDraft(type, value, normalized.key(), blinded, categories, confidence,
                description == null || description.isBlank() ? null : description.strip(), tags == null ? List.of() : tags,
                platform, quality, validUntil, visibility, group);
    }

    /**
     * With several categories the shortest retention wins: personal data is kept no longer than the least
     * demanding reason for sharing it justifies.
     */
    public Duration defaultValidity(List<String> categories) {
        Duration d = maxValidity;
        for (String code : categories) {
            Duration r = taxonomy.find(code).map(Category::retention).orElse(maxValidity);
            if (r.compareTo(d) < 0) {
                d = r;
            }
        }
        return d;
    }

    public List<String> readCategories(JsonFields f) {
        List<String> categories = f.strings("categories", true, 10, 64);
        if (categories == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            String code = categories.get(i).strip().toUpperCase(Locale.ROOT);
            var c = taxonomy.find(code);
            if (c.isEmpty()) {
                f.errors().add(new FieldError(f.path("categories") + "[" + i + "]", "unknown category; see GET /api/v1/taxonomy"));
            } else if (c.get().deprecated()) {
                f.errors().add(new FieldError(f.path("categories") + "[" + i + "]", "category is deprecated"));
            } else if (!out.contains(code)) {
                out.add(code);
            }
        }
        return out;
    }

    private static List<String> readTags(JsonFields f) {
        List<String> tags = f.strings("tags", false, 20, 64);
        if (tags == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            String t = tags.get(i).strip().toLowerCase(Locale.ROOT);
            if (!TAG.matcher(t).matches()) {
                f.errors().add(new FieldError(f.path("tags") + "[" + i + "]",
                        "must be letters, digits, ':', '.', '_' or '-' (at most 64)"));
            } else if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }
}

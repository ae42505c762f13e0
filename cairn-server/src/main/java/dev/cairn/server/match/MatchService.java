package dev.cairn.server.match;

import dev.cairn.core.normalize.MatchMethod;
import dev.cairn.core.normalize.NormalizeOptions;
import dev.cairn.core.normalize.Normalized;
import dev.cairn.core.normalize.Probe;
import dev.cairn.core.normalize.SignalNormalizer;
import dev.cairn.core.pdq.PdqDihedral;
import dev.cairn.core.pdq.PdqHash;
import dev.cairn.core.signal.InvalidValueException;
import dev.cairn.core.signal.SignalType;
import dev.cairn.server.CairnProperties;
import dev.cairn.server.auth.Caller;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.feedback.SignalAssessor;
import dev.cairn.server.support.Db;
import dev.cairn.server.web.ApiException;
import dev.cairn.server.web.FieldError;
import dev.cairn.server.web.FlatObject;
import tools.jackson.databind.JsonNode;
import dev.cairn.server.web.JsonFields;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Matches query items against the in-memory indexes. No database query per item: the only write is one batched insert
 * of match events per request, which feeds the owners' impact figures.
 */
@Service
public class MatchService {
    private static final Set<String> FIELDS = Set.of("type", "value", "blinded", "platform", "max_distance", "dihedral", "region");
    /** Top-level fields of a {@code {"items": [...]}} body besides the items. */
    public static final Set<String> OPTIONS = Set.of("items", "min_score", "include_disputed");
    public static final int DEFAULT_PDQ_DISTANCE = 31;
    public static final int MAX_PDQ_DISTANCE = 64;

    private final MatchIndex index;
    private final dev.cairn.server.sharing.SharingGroups sharingGroups;
    private final JdbcTemplate jdbc;
    private final String defaultRegion;
    private final SignalAssessor assessor;

    public MatchService(MatchIndex index, JdbcTemplate jdbc, CairnProperties properties, SignalAssessor assessor,
                        dev.cairn.server.sharing.SharingGroups sharingGroups) {
        this.index = index;
        this.sharingGroups = sharingGroups;
        this.jdbc = jdbc;
        this.defaultRegion = properties.defaultPhoneRegion();
        this.assessor = assessor;
    }

    /** Reads the request-level options from the body's top level and/or the query string (the body wins). */
    public MatchOptions options(JsonNode envelope, String minScoreParam, String includeDisputedParam) {
        List<FieldError> errors = new ArrayList<>();
        Integer minScore = null;
        Boolean includeDisputed = null;
        if (envelope != null) {
            JsonFields f = JsonFields.of(envelope, "", errors, OPTIONS);
            minScore = f.integer("min_score", false, 0, 100);
            includeDisputed = f.bool("include_disputed");
        }
        if (minScore == null && minScoreParam != null) {
            try {
                minScore = Integer.parseInt(minScoreParam);
                if (minScore < 0 || minScore > 100) {
                    errors.add(new FieldError("min_score", "must be between 0 and 100"));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("min_score", "must be an integer"));
            }
        }
        if (includeDisputed == null && includeDisputedParam != null) {
            if (!includeDisputedParam.equals("true") && !includeDisputedParam.equals("false")) {
                errors.add(new FieldError("include_disputed", "must be true or false"));
            }
            includeDisputed = Boolean.parseBoolean(includeDisputedParam);
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new MatchOptions(minScore, Boolean.TRUE.equals(includeDisputed));
    }

    public List<MatchItem> read(List<FlatObject> nodes, String region) {
        List<FieldError> errors = new ArrayList<>();
        List<MatchItem> items = new ArrayList<>(nodes.size());
        String fallbackRegion = region == null ? defaultRegion : region;
        NormalizeOptions fallbackOptions = new NormalizeOptions(fallbackRegion);
        for (int i = 0; i < nodes.size(); i++) {
            JsonFields f = JsonFields.of(nodes.get(i), "[" + i + "]", errors, FIELDS);
            String typeName = f.string("type", true, 32);
            SignalType type = typeName == null ? null : SignalType.parse(typeName);
            if (typeName != null && type == null) {
                f.reject("type", "unknown signal type");
            }
            String value = f.string("value", true, 4096);
            boolean blinded = Boolean.TRUE.equals(f.bool("blinded"));
            String itemRegion = f.string("region", false, 2);
            String platform = f.string("platform", false, 100);
            if (platform != null) {
                platform = platform.strip().toLowerCase(Locale.ROOT);
                if (type != null && type != SignalType.USERNAME) {
                    f.reject("platform", "applies to USERNAME items only");
                }
            }
            Integer maxDistance = f.integer("max_distance", false, 0, MAX_PDQ_DISTANCE);
            Boolean dihedral = f.bool("dihedral");
            if (type != null && type != SignalType.PDQ && (maxDistance != null || dihedral != null)) {
                f.reject(maxDistance != null ? "max_distance" : "dihedral", "applies to PDQ items only");
            }
            List<Probe> probes = null;
            Normalized normalized = null;
            if (type != null && value != null) {
                try {
                    if (blinded) {
                        normalized = SignalNormalizer.normalizeBlinded(type, value);
                        probes = List.of(new Probe(type, normalized.key(), MatchMethod.EXACT));
                    } else {
                        NormalizeOptions options = itemRegion == null ? fallbackOptions
                                : new NormalizeOptions(itemRegion.toUpperCase(Locale.ROOT));
                        probes = SignalNormalizer.probes(type, value, options);
                        if (type == SignalType.USERNAME) {
                            normalized = SignalNormalizer.normalize(type, value, options);
                        }
                    }
                } catch (InvalidValueException e) {
                    f.reject(blinded && !type.blindable() ? "blinded" : "value", e.getMessage());
                }
            }
            items.add(new MatchItem(i, type, value, normalized, blinded, platform, probes,
                    maxDistance == null ? DEFAULT_PDQ_DISTANCE : maxDistance, Boolean.TRUE.equals(dihedral)));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return items;
    }

    public List<MatchHit> match(Caller caller, List<MatchItem> items) {
        return match(caller, items, MatchOptions.DEFAULT);
    }

    /**
     * Signals suspended by disputes are left out unless {@code includeDisputed}; with {@code minScore}, so are signals
     * scoring less. Scores come from memory (see {@link SignalAssessor}): still no database query per item.
     */
    public List<MatchHit> match(Caller caller, List<MatchItem> items, MatchOptions options) {
        caller.require(Scope.READ);
        long now = System.currentTimeMillis();
        Set<UUID> groups = sharingGroups.groupsOf(caller.participantId());
        List<MatchHit> hits = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (MatchItem item : items) {
            seen.clear();
            if (item.type() == SignalType.PDQ && !item.blinded()) {
                matchPdq(caller, groups, item, now, options, hits);
                continue;
            }
            for (Probe probe : item.probes()) {
                index.exact().forEach(probe.type(), item.blinded(), probe.key(), s -> {
                    if (usable(s, item, now, caller.participantId(), groups) && seen.add(s.id)) {
                        admit(hits, new MatchHit(item.index(), s, method(probe, item, s), -1, assess(s, now)), options);
                    }
                });
                if (probe.type() == SignalType.IP && !item.blinded()) {
                    index.ranges().forEachBlockContaining(probe.key(), (s, block) -> {
                        if (usable(s, item, now, caller.participantId(), groups) && seen.add(s.id)) {
                            admit(hits, new MatchHit(item.index(), s, MatchMethod.CIDR, -1, assess(s, now)), options);
                        }
                    });
                }
            }
        }
        record(caller, hits);
        return hits;
    }

    private SignalAssessor.Assessment assess(IndexedSignal s, long now) {
        return assessor.assess(s.id, s.confidence, s.categories, s.createdAtMillis, now);
    }

    private static void admit(List<MatchHit> hits, MatchHit hit, MatchOptions options) {
        SignalAssessor.Assessment a = hit.assessment();
        if (a.suspended() && !options.includeDisputed()) {
            return;
        }
        if (options.minScore() != null && a.score() < options.minScore()) {
            return;
        }
        hits.add(hit);
    }

    /**
     * Near-duplicate search. With {@code dihedral}, the 8 rotations and flips of the query are searched too (derived in
     * the hash domain, see {@link PdqDihedral}); each signal is reported once, at its smallest distance.
     */
    private void matchPdq(Caller caller, Set<UUID> groups, MatchItem item, long now, MatchOptions options, List<MatchHit> hits) {
        PdqHash query = PdqHash.fromHex(item.probes().getFirst().key());
        PdqHash[] queries = item.dihedral() ? PdqDihedral.variants(query) : new PdqHash[]{query};
        java.util.Map<UUID, Integer> best = new java.util.LinkedHashMap<>();
        java.util.Map<UUID, IndexedSignal> found = new java.util.HashMap<>();
        for (PdqHash q : queries) {
            index.ranges().forEachNear(q, item.maxDistance(), (s, distance) -> {
                if (usable(s, item, now, caller.participantId(), groups)) {
                    best.merge(s.id, distance, Math::min);
                    found.put(s.id, s);
                }
            });
        }
        best.entrySet().stream().sorted(java.util.Map.Entry.comparingByValue()).forEach(e -> {
            IndexedSignal s = found.get(e.getKey());
            admit(hits, new MatchHit(item.index(), s, e.getValue() == 0 ? MatchMethod.EXACT : MatchMethod.NEAR_DUPLICATE,
                    e.getValue(), assess(s, now)), options);
        });
    }

    /**
     * EXACT means the query is the very string that was shared; otherwise the normaliser says what it took to meet
     * (for usernames, whether the confusable mapping was needed).
     */
    private static MatchMethod method(Probe probe, MatchItem item, IndexedSignal s) {
        if (IndexedSignal.valueHash(item.value()) == s.valueHash) {
            return MatchMethod.EXACT;
        }
        MatchMethod m = s.form == null || item.normalized() == null ? probe.method()
                : SignalNormalizer.matchMethod(probe, item.value(), item.normalized(), s.form);
        return m == MatchMethod.EXACT ? MatchMethod.NORMALISED : m;
    }

    private static boolean usable(IndexedSignal s, MatchItem item, long now, UUID viewer, Set<UUID> groups) {
        if (s.validUntilMillis <= now || !s.visibleTo(viewer, groups)) {
            return false;
        }
        // A username signal tied to one platform does not match an account on another.
        return s.platform == null || item.platform() == null || s.platform.equals(item.platform());
    }

    private void record(Caller caller, List<MatchHit> hits) {
        if (hits.isEmpty()) {
            return;
        }
        var at = Db.ts(Db.now());
        jdbc.batchUpdate("INSERT INTO match_event (signal_id, owner_id, matcher_id, method, matched_at) VALUES (?, ?, ?, ?, ?)",
                hits, 1000, (ps, h) -> {
                    ps.setObject(1, h.signal().id);
                    ps.setObject(2, h.signal().owner);
                    ps.setObject(3, caller.participantId());
                    ps.setString(4, h.method().name());
                    ps.setObject(5, at);
                });
    }

}

package dev.cairn.server.feedback;

import dev.cairn.server.CairnProperties;
import dev.cairn.server.signal.Signal;
import dev.cairn.server.signal.SignalScores;
import dev.cairn.server.signal.SignalStatus;
import dev.cairn.server.taxonomy.Category;
import dev.cairn.server.taxonomy.TaxonomyService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.UUID;

/**
 * Scores signals and decides whether disputes suspend them, from memory only: the feedback summary, the taxonomy
 * cache and the signal's own fields. The age term is computed at the moment of asking.
 */
@Component
public class SignalAssessor implements SignalScores {
    private final FeedbackStats stats;
    private final TaxonomyService taxonomy;
    private final Duration maxValidity;
    private final int suspendThreshold;

    public SignalAssessor(FeedbackStats stats, TaxonomyService taxonomy, CairnProperties properties,
                          @Value("${cairn.disputes.suspend-threshold:2}") int suspendThreshold) {
        this.stats = stats;
        this.taxonomy = taxonomy;
        this.maxValidity = properties.maxValidity();
        this.suspendThreshold = Math.max(1, suspendThreshold);
    }

    /**
     * @param score        0-100
     * @param openDisputes participants with an open dispute of the signal
     * @param suspended    disputed by at least {@code cairn.disputes.suspend-threshold} participants: the signal stops
     *                     matching by default until its owner answers
     */
    public record Assessment(int score, int openDisputes, boolean suspended) {
    }

    public Assessment assess(UUID id, int confidence, String[] categories, long createdAtMillis, long nowMillis) {
        FeedbackSummary f = stats.get(id);
        int score = QualityScore.score(confidence, nowMillis - createdAtMillis, lifetimeMillis(categories), f);
        return new Assessment(score, f.openDisputes(), f.openDisputes() >= suspendThreshold);
    }

    /** Signals that no longer match (retracted, expired) score 0: nobody should act on them. */
    @Override
    public int score(Signal s) {
        long now = System.currentTimeMillis();
        if (!s.activeAt(java.time.Instant.ofEpochMilli(now))) {
            return 0;
        }
        return assess(s.id(), s.confidence(), s.categories().toArray(String[]::new), s.createdAt().toEpochMilli(), now)
                .score();
    }

    /**
     * The score of a signal with the parts it is made of, for people: the confidence its owner gave, how far it is
     * into its lifetime, and the feedback counted.
     *
     * @param ageDays      whole days since the signal was created
     * @param lifetimeDays the shortest retention of its categories
     * @param weight       the share of its weight the signal keeps at its age (the decay term), 0-100
     * @param active       false for retracted or expired signals, which score 0
     */
    public record Explanation(int score, int confidence, long ageDays, long lifetimeDays, int weight, int confirmations,
                              int falsePositives, int notFound, int openDisputes, boolean suspended, boolean active) {
    }

    public Explanation explain(Signal s) {
        long now = System.currentTimeMillis();
        FeedbackSummary f = stats.get(s.id());
        long lifetime = lifetimeMillis(s.categories().toArray(String[]::new));
        long age = now - s.createdAt().toEpochMilli();
        int weight = (int) Math.round(100 * QualityScore.decay(age, lifetime));
        return new Explanation(score(s), s.confidence(), Duration.ofMillis(Math.max(0, age)).toDays(),
                Duration.ofMillis(lifetime).toDays(), weight, f.confirmations(), f.falsePositives(), f.notFound(),
                f.openDisputes(), f.openDisputes() >= suspendThreshold,
                s.activeAt(java.time.Instant.ofEpochMilli(now)));
    }

    public FeedbackSummary summary(UUID id) {
        return stats.get(id);
    }

    public int suspendThreshold() {
        return suspendThreshold;
    }

    /** The shortest retention of the categories, as for a signal's default validity; the maximum validity without any. */
    private long lifetimeMillis(String[] categories) {
        Duration d = maxValidity;
        for (String code : categories) {
            Duration r = taxonomy.find(code).map(Category::retention).orElse(maxValidity);
            if (r.compareTo(d) < 0) {
                d = r;
            }
        }
        return d.toMillis();
    }
}

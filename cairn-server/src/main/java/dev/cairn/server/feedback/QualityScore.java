package dev.cairn.server.feedback;

/**
 * The quality score of a signal, 0-100: how much a member should trust it now. See {@code docs/quality-score.md}
 * for the reasoning and a worked example; the constants here are the ones documented there.
 *
 * <pre>
 * e0    = confidence / 100
 * e1    = e0 + (1 - e0) * (1 - CONFIRM^C)            C: participants confirming (actioned, confirmed, reported)
 * e2    = e1 * FALSE_POSITIVE^F * NOT_FOUND^N * DISPUTE^D
 * decay = max(0, 1 - (age / lifetime)^(1/DELTA))      lifetime: the shortest retention of the signal's categories
 * score = round(100 * e2 * decay)
 * </pre>
 */
public final class QualityScore {
    /** Each confirming participant closes a quarter of the remaining gap to full trust. */
    public static final double CONFIRM = 0.75;
    /** Each participant reporting a (human-reviewed) false positive halves the evidence. */
    public static final double FALSE_POSITIVE = 0.5;
    /** Each participant that found nothing takes a tenth: absence on one platform says little. */
    public static final double NOT_FOUND = 0.9;
    /** Each open dispute takes a quarter until the owner answers it. */
    public static final double DISPUTE = 0.75;
    /**
     * MISP's decay speed. Below 1 the curve stays flat early and falls late: a CSEA lead keeps most of its weight for
     * most of its category's retention, then fades quickly towards the end of it.
     */
    public static final double DELTA = 0.5;

    private QualityScore() {
    }

    public static int score(int confidence, double ageMillis, double lifetimeMillis, FeedbackSummary f) {
        double e = confidence / 100.0;
        e = e + (1 - e) * (1 - Math.pow(CONFIRM, f.confirmations()));
        e = e * Math.pow(FALSE_POSITIVE, f.falsePositives()) * Math.pow(NOT_FOUND, f.notFound())
                * Math.pow(DISPUTE, f.openDisputes());
        double score = 100 * e * decay(ageMillis, lifetimeMillis);
        return (int) Math.max(0, Math.min(100, Math.round(score)));
    }

    /** 1 at creation, 0 at the end of the lifetime and after. */
    public static double decay(double ageMillis, double lifetimeMillis) {
        if (lifetimeMillis <= 0 || ageMillis >= lifetimeMillis) {
            return 0;
        }
        double t = Math.max(0, ageMillis) / lifetimeMillis;
        return Math.max(0, 1 - Math.pow(t, 1 / DELTA));
    }
}

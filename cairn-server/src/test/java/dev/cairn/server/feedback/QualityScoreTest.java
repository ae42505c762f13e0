package dev.cairn.server.feedback;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The formula of docs/quality-score.md, including its worked example. */
class QualityScoreTest {
    private static final double DAY = Duration.ofDays(1).toMillis();

    @Test
    void workedExampleOfTheDocumentation() {
        // confidence 80, SEXTORTION (365 days), 73 days old; two confirmations, one false positive, one not found,
        // one under review, one open dispute.
        FeedbackSummary f = new FeedbackSummary(7, 2, 1, 1, 1, 1);
        assertThat(QualityScore.decay(73 * DAY, 365 * DAY)).isCloseTo(0.96, within(1e-12));
        assertThat(QualityScore.score(80, 73 * DAY, 365 * DAY, f)).isEqualTo(29);
    }

    @Test
    void withoutFeedbackAFreshSignalScoresItsConfidence() {
        assertThat(QualityScore.score(80, 0, 365 * DAY, FeedbackSummary.EMPTY)).isEqualTo(80);
        assertThat(QualityScore.score(0, 0, 365 * DAY, FeedbackSummary.EMPTY)).isZero();
    }

    @Test
    void decayIsFlatEarlyAndReachesZeroAtTheEndOfTheLifetime() {
        assertThat(QualityScore.decay(0, 365 * DAY)).isEqualTo(1.0);
        assertThat(QualityScore.decay(182.5 * DAY, 365 * DAY)).isCloseTo(0.75, within(1e-12));
        assertThat(QualityScore.decay(365 * DAY, 365 * DAY)).isZero();
        assertThat(QualityScore.decay(400 * DAY, 365 * DAY)).isZero();
        assertThat(QualityScore.score(100, 400 * DAY, 365 * DAY, new FeedbackSummary(1, 5, 0, 0, 0, 0))).isZero();
    }

    @Test
    void aFalsePositiveWeighsMoreThanAConfirmationAndUnderReviewNothing() {
        int base = QualityScore.score(60, 0, 365 * DAY, FeedbackSummary.EMPTY);
        int confirmed = QualityScore.score(60, 0, 365 * DAY, new FeedbackSummary(1, 1, 0, 0, 0, 0));
        int falsePositive = QualityScore.score(60, 0, 365 * DAY, new FeedbackSummary(1, 0, 1, 0, 0, 0));
        int notFound = QualityScore.score(60, 0, 365 * DAY, new FeedbackSummary(1, 0, 0, 1, 0, 0));
        int underReview = QualityScore.score(60, 0, 365 * DAY, new FeedbackSummary(1, 0, 0, 0, 3, 0));
        int disputed = QualityScore.score(60, 0, 365 * DAY, new FeedbackSummary(1, 0, 0, 0, 0, 1));
        assertThat(base).isEqualTo(60);
        assertThat(confirmed).isEqualTo(70);     // 0.6 + 0.4 * 0.25
        assertThat(falsePositive).isEqualTo(30); // 0.6 * 0.5
        assertThat(notFound).isEqualTo(54);      // 0.6 * 0.9
        assertThat(disputed).isEqualTo(45);      // 0.6 * 0.75
        assertThat(underReview).isEqualTo(base);
        assertThat(base - falsePositive).isGreaterThan(confirmed - base);
        // Confirmations by more participants keep raising the score, but never past 100.
        assertThat(QualityScore.score(60, 0, 365 * DAY, new FeedbackSummary(1, 3, 0, 0, 0, 0))).isEqualTo(83);
        assertThat(QualityScore.score(60, 0, 365 * DAY, new FeedbackSummary(1, 50, 0, 0, 0, 0))).isEqualTo(100);
    }
}

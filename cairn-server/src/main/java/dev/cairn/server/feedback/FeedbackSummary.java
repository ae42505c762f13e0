package dev.cairn.server.feedback;

/**
 * What the quality score and the match path need to know about a signal's feedback: how many distinct participants
 * currently report each class of outcome, and how many have an open dispute.
 *
 * @param revision increases with every change of the signal's feedback or disputes
 */
public record FeedbackSummary(long revision, int confirmations, int falsePositives, int notFound, int underReview,
                              int openDisputes) {
    public static final FeedbackSummary EMPTY = new FeedbackSummary(0, 0, 0, 0, 0, 0);
}

package dev.cairn.server.signal;

/**
 * The quality score of a signal (0-100), computed by the feedback feature. An interface here so that signals can show
 * their score without the signal package depending on the feature that computes it.
 */
public interface SignalScores {
    int score(Signal signal);
}

package dev.cairn.server.webhook;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the n-th retry waits a uniformly random time in [0, min(max, base * 2^(n-1))].
 * Full jitter spreads the retries of many deliveries that failed together (a receiver outage) instead of sending them
 * back in synchronised waves.
 */
public record RetryPolicy(Duration base, Duration max) {

    /** The delay before the next attempt, after {@code attempts} attempts have failed (1 or more). */
    public Duration delay(int attempts, RandomGenerator random) {
        long baseMillis = Math.max(1, base.toMillis());
        int doublings = Math.min(Math.max(attempts - 1, 0), 40);
        long ceiling = baseMillis > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : baseMillis << doublings;
        ceiling = Math.min(ceiling, max.toMillis());
        return Duration.ofMillis(random.nextLong(ceiling + 1));
    }
}

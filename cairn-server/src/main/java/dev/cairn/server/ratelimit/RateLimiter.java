package dev.cairn.server.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per API key and, for failed authentications, per client address (so guessing keys is slow).
 * In-memory: each server instance limits on its own, which bounds abuse per instance; put a shared limiter in
 * front of a multi-instance deployment if global limits are needed.
 */
@Component
public class RateLimiter {
    private final ConcurrentHashMap<String, Bucket> perKey = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Bucket> authFailures = new ConcurrentHashMap<>();
    private final long requestsPerMinute;
    private final long authFailuresPerMinute;

    public RateLimiter(@Value("${cairn.rate-limit.requests-per-minute:1200}") long requestsPerMinute,
                       @Value("${cairn.rate-limit.auth-failures-per-minute:20}") long authFailuresPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
        this.authFailuresPerMinute = authFailuresPerMinute;
    }

    /** Consumes one request for the key; empty when allowed, else seconds to wait. */
    public long tryRequest(String keyId) {
        return consume(perKey.computeIfAbsent(keyId, k -> bucket(requestsPerMinute)));
    }

    /** Whether this address has failed authentication too often; counts the failure. */
    public long recordAuthFailure(String address) {
        return consume(authFailures.computeIfAbsent(address, k -> bucket(authFailuresPerMinute)));
    }

    private static long consume(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
    }

    private static Bucket bucket(long perMinute) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
    }

    /** Idle buckets are full again after a minute; dropping them then bounds memory. */
    @Scheduled(fixedDelayString = "PT5M")
    public void forgetIdle() {
        perKey.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= requestsPerMinute);
        authFailures.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= authFailuresPerMinute);
    }
}

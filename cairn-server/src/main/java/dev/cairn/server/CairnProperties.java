package dev.cairn.server;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Operator settings under {@code cairn.*}. Every one has a safe default so the embedded start needs none.
 *
 * @param demo               seed fictional participants, keys and signals at start-up
 * @param operatorKey        the operator's first admin key, if it should come from the environment rather than be generated
 * @param maxBodyBytes       largest accepted request body
 * @param maxBatchItems      largest batch for submit and match
 * @param maxValidity        hard cap on how long any signal may stay valid
 * @param expiryInterval     how often the expiry job runs
 * @param idempotencyTtl     how long an Idempotency-Key is remembered
 * @param defaultPhoneRegion region for phone numbers written in national format when the caller names none
 */
@ConfigurationProperties("cairn")
public record CairnProperties(
        boolean demo,
        String operatorKey,
        Long maxBodyBytes,
        Integer maxBatchItems,
        Duration maxValidity,
        Duration expiryInterval,
        Duration idempotencyTtl,
        String defaultPhoneRegion) {

    public CairnProperties {
        maxBodyBytes = maxBodyBytes == null ? 32L * 1024 * 1024 : maxBodyBytes;
        maxBatchItems = maxBatchItems == null ? 10_000 : maxBatchItems;
        maxValidity = maxValidity == null ? Duration.ofDays(730) : maxValidity;
        expiryInterval = expiryInterval == null ? Duration.ofMinutes(1) : expiryInterval;
        idempotencyTtl = idempotencyTtl == null ? Duration.ofHours(24) : idempotencyTtl;
        defaultPhoneRegion = defaultPhoneRegion == null ? "US" : defaultPhoneRegion;
    }
}

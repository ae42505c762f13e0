package dev.cairn.server.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings under {@code cairn.webhooks.*}; every one has a default.
 *
 * @param pollInterval           how often the dispatcher looks for due work when nothing wakes it (a commit in this
 *                               process wakes it at once; the interval covers retries and other instances' commits)
 * @param retryBase              first retry delay ceiling; the ceiling doubles per attempt (full jitter below it)
 * @param retryMaxDelay          largest delay between two attempts
 * @param retryWindow            how long a delivery is retried before it is parked as DEAD
 * @param lease                  how long a claimed delivery belongs to one dispatcher; must exceed the request timeout
 * @param connectTimeout         TCP/TLS connect timeout of a delivery
 * @param requestTimeout         total time a delivery may take, response included
 * @param concurrency            deliveries in flight at once per server instance
 * @param batchSize              events turned into deliveries, or deliveries claimed, per step
 * @param deliveredRetention     how long successful deliveries stay in the delivery log
 * @param allowPrivateAddresses  whether endpoints may resolve to loopback, private or link-local addresses
 */
@ConfigurationProperties("cairn.webhooks")
public record WebhookProperties(
        Duration pollInterval,
        Duration retryBase,
        Duration retryMaxDelay,
        Duration retryWindow,
        Duration lease,
        Duration connectTimeout,
        Duration requestTimeout,
        Integer concurrency,
        Integer batchSize,
        Duration deliveredRetention,
        Boolean allowPrivateAddresses) {

    public WebhookProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        retryBase = retryBase == null ? Duration.ofSeconds(5) : retryBase;
        retryMaxDelay = retryMaxDelay == null ? Duration.ofHours(2) : retryMaxDelay;
        retryWindow = retryWindow == null ? Duration.ofHours(24) : retryWindow;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        lease = lease == null ? requestTimeout.multipliedBy(6) : lease;
        concurrency = concurrency == null ? 16 : concurrency;
        batchSize = batchSize == null ? 500 : batchSize;
        deliveredRetention = deliveredRetention == null ? Duration.ofDays(7) : deliveredRetention;
        allowPrivateAddresses = allowPrivateAddresses == null || allowPrivateAddresses;
        if (lease.compareTo(requestTimeout) <= 0) {
            throw new IllegalArgumentException("cairn.webhooks.lease must be longer than cairn.webhooks.request-timeout");
        }
    }
}

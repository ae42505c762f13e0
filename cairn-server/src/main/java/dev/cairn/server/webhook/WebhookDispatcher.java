package dev.cairn.server.webhook;

import dev.cairn.server.feed.FeedEvent;
import dev.cairn.server.feed.FeedNotifier;
import dev.cairn.server.feed.FeedService;
import dev.cairn.server.support.Db;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Moves events from the feed to endpoints. One loop per server instance: (1) for every active endpoint behind the
 * feed, turn the next matching events into delivery rows and advance its cursor (one transaction); (2) claim due
 * deliveries under a lease and POST them, at most {@code concurrency} at once. It runs on every commit in this
 * process (through {@link FeedNotifier}) and at least every poll interval, which covers retries and other instances.
 *
 * <p>Delivery is at-least-once: an instance that dies after a receiver accepted a delivery but before recording it
 * leaves the claim to expire, and the delivery is sent again with the same delivery id.
 */
@Component
public class WebhookDispatcher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final long PRUNE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final WebhookStore store;
    private final FeedService feed;
    private final WebhookSender sender;
    private final WebhookProperties props;
    private final ObjectMapper json;
    private final WebhookUrls urls;
    private final RetryPolicy retry;
    private final Semaphore wake = new Semaphore(0);
    private final Semaphore slots;

    private volatile boolean running;
    private Thread loop;
    private ExecutorService senders;
    private long lastPrune = System.nanoTime() - PRUNE_EVERY_NANOS;

    public WebhookDispatcher(WebhookStore store, FeedService feed, WebhookSender sender, WebhookProperties props,
                             ObjectMapper json, FeedNotifier notifier) {
        this.store = store;
        this.feed = feed;
        this.sender = sender;
        this.props = props;
        this.json = json;
        this.urls = new WebhookUrls(props.allowPrivateAddresses());
        this.retry = new RetryPolicy(props.retryBase(), props.retryMaxDelay());
        this.slots = new Semaphore(props.concurrency());
        notifier.onAdvance(this::wake);
    }

    /** Asks the loop for a pass now. Cheap and non-blocking: safe on a committing thread. */
    public void wake() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        senders = Executors.newVirtualThreadPerTaskExecutor();
        loop = Thread.ofPlatform().daemon().name("webhook-dispatcher").start(this::run);
    }

    /**
     * Stops the loop and abandons deliveries in flight without recording them, as a crash would: their claims expire
     * and they are sent again (by this instance after {@link #start()}, or by another).
     */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        loop.interrupt();
        senders.shutdownNow();
        try {
            loop.join(TimeUnit.SECONDS.toMillis(10));
            senders.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                pass();
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("Webhook dispatch pass failed; retrying after the poll interval", e);
                }
            }
            try {
                if (wake.tryAcquire(props.pollInterval().toNanos(), TimeUnit.NANOSECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void pass() {
        while (running && enqueueNewEvents()) {
            // an endpoint had a full batch: go again before sending, so deliveries go out in feed order when healthy
        }
        sendDue();
        if (System.nanoTime() - lastPrune > PRUNE_EVERY_NANOS) {
            lastPrune = System.nanoTime();
            int n = store.pruneDelivered(Db.now().minus(props.deliveredRetention()));
            if (n > 0) {
                log.info("Pruned {} delivered webhook deliveries from the log", n);
            }
        }
    }

    /** Step 1. True if some endpoint still has more events waiting. */
    boolean enqueueNewEvents() {
        long high = feed.highWaterMark();
        boolean more = false;
        for (Webhook w : store.behind(high)) {
            List<FeedService.EventHead> heads = feed.heads(w.cursor(), high, props.batchSize(), FeedService.Filter.ALL);
            boolean full = heads.size() == props.batchSize();
            long to = full ? heads.getLast().seq() : high;
            List<FeedService.EventHead> matching = new ArrayList<>();
            for (FeedService.EventHead e : heads) {
                if (w.wants(e) && feed.visibleTo(w.participantId(), e)) {
                    matching.add(e);
                }
            }
            Instant now = Db.now();
            if (store.enqueue(w.id(), w.cursor(), to, matching, now, now.plus(props.retryWindow())) && full) {
                more = true;
            }
        }
        return more;
    }

    /** Step 2: claims as many due deliveries as there are free sending slots and hands each to a sender thread. */
    void sendDue() {
        int free = slots.availablePermits();
        if (free == 0) {
            return;
        }
        Instant now = Db.now();
        UUID token = UUID.randomUUID();
        List<Delivery> claimed = store.claimDue(now, Math.min(free, props.batchSize()), now.plus(props.lease()), token);
        if (claimed.isEmpty()) {
            return;
        }
        Map<Long, FeedEvent> events = feed.render(claimed.stream().map(Delivery::seq).toList());
        Map<UUID, Webhook> endpoints = new LinkedHashMap<>();
        for (Delivery d : claimed) {
            Webhook w = endpoints.computeIfAbsent(d.endpointId(), id -> store.find(id).orElse(null));
            if (w == null) {
                continue; // deleted meanwhile; its rows are gone too
            }
            slots.acquireUninterruptibly();
            try {
                senders.execute(() -> {
                    try {
                        attempt(w, d, token, events.get(d.seq()));
                    } finally {
                        slots.release();
                        wake();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                slots.release(); // stopping: the claim expires and the delivery is retried
            }
        }
        if (claimed.size() == props.batchSize()) {
            wake();
        }
    }

    private void attempt(Webhook w, Delivery d, UUID token, FeedEvent event) {
        try {
            URI url = URI.create(w.url());
            String refusal = urls.deliveryRefusal(url);
            if (refusal != null) {
                // A policy refusal will not change by retrying: park it at once.
                store.failed(d.id(), token, null, "not sent: " + refusal, null);
                return;
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("delivery_id", d.id());
            payload.put("webhook_id", w.id());
            payload.put("attempt", d.attempts());
            payload.put("event", event);
            byte[] body = json.writeValueAsBytes(payload);
            long t = Instant.now().getEpochSecond();
            WebhookSender.Outcome outcome = sender.post(url, body, d.id().toString(), d.seq(), w.id().toString(),
                    WebhookSignature.header(w.secret(), t, body));
            if (!running) {
                return; // "crashed" mid-flight: leave the claim to expire
            }
            Instant now = Db.now();
            if (outcome.ok()) {
                store.delivered(d.id(), token, outcome.status(), now);
            } else {
                Instant next = now.isBefore(d.giveUpAt())
                        ? now.plus(retry.delay(d.attempts(), ThreadLocalRandom.current())) : null;
                store.failed(d.id(), token, outcome.status(), outcome.error(), next);
            }
        } catch (RuntimeException e) {
            if (running) {
                log.warn("Webhook delivery {} failed unexpectedly; it is retried when its claim expires", d.id(), e);
            }
        }
    }

    @Override
    public int getPhase() {
        // Stop before the web server and the data source go away.
        return SmartLifecycle.DEFAULT_PHASE - 1;
    }
}

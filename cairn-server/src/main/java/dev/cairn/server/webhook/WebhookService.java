package dev.cairn.server.webhook;

import dev.cairn.core.signal.SignalType;
import dev.cairn.server.auth.Caller;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.feed.ChangeKind;
import dev.cairn.server.feed.FeedService;
import dev.cairn.server.signal.UuidV7;
import dev.cairn.server.support.Db;
import dev.cairn.server.taxonomy.TaxonomyService;
import dev.cairn.server.web.ApiException;
import dev.cairn.server.web.FieldError;
import dev.cairn.server.web.QueryParams;
import dev.cairn.server.web.JsonFields;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Registering and managing a participant's webhook endpoints and their delivery log. Admin scope throughout. */
@Service
public class WebhookService {
    static final int MAX_ENDPOINTS = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookStore store;
    private final FeedService feed;
    private final TaxonomyService taxonomy;
    private final WebhookProperties props;
    private final WebhookDispatcher dispatcher;
    private final WebhookUrls urls;

    public WebhookService(WebhookStore store, FeedService feed, TaxonomyService taxonomy, WebhookProperties props,
                          WebhookDispatcher dispatcher) {
        this.store = store;
        this.feed = feed;
        this.taxonomy = taxonomy;
        this.props = props;
        this.dispatcher = dispatcher;
        this.urls = new WebhookUrls(props.allowPrivateAddresses());
    }

    /** A new endpoint and its signing secret, which is returned only this once. */
    public record Registered(Webhook webhook, String secret) {
    }

    public Registered register(Caller caller, JsonNode body) {
        caller.require(Scope.ADMIN);
        List<FieldError> errors = new ArrayList<>();
        JsonFields f = JsonFields.of(body, "", errors, Set.of("url", "secret", "types", "categories", "events"));
        String url = f.string("url", true, 2048);
        String secret = f.string("secret", false, 256);
        List<String> typeNames = f.strings("types", false, SignalType.values().length, 32);
        List<String> categoryCodes = f.strings("categories", false, 100, 64);
        List<String> eventNames = f.strings("events", false, ChangeKind.values().length, 32);
        if (url != null) {
            String refusal = urls.refusal(url.strip());
            if (refusal != null) {
                f.reject("url", refusal);
            }
        }
        if (secret != null && (secret.length() < 16 || !secret.chars().allMatch(c -> c > 32 && c < 127))) {
            f.reject("secret", "must be 16 to 256 printable ASCII characters without spaces (or omit it to get one)");
        }
        Set<SignalType> types = new LinkedHashSet<>();
        for (int i = 0; typeNames != null && i < typeNames.size(); i++) {
            SignalType t = SignalType.parse(typeNames.get(i));
            if (t == null) {
                errors.add(new FieldError("types[" + i + "]", "unknown signal type"));
            } else {
                types.add(t);
            }
        }
        Set<String> categories = new LinkedHashSet<>();
        for (int i = 0; categoryCodes != null && i < categoryCodes.size(); i++) {
            String code = categoryCodes.get(i).strip().toUpperCase(Locale.ROOT);
            if (taxonomy.find(code).isEmpty()) {
                errors.add(new FieldError("categories[" + i + "]", "unknown category"));
            } else {
                categories.add(code);
            }
        }
        Set<ChangeKind> events = EnumSet.noneOf(ChangeKind.class);
        for (int i = 0; eventNames != null && i < eventNames.size(); i++) {
            try {
                events.add(ChangeKind.valueOf(eventNames.get(i).strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("events[" + i + "]",
                        "must be one of created, updated, retracted, expired, erased"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (store.list(caller.participantId()).size() >= MAX_ENDPOINTS) {
            throw ApiException.conflict("too-many-webhooks",
                    "A participant may register at most " + MAX_ENDPOINTS + " webhook endpoints");
        }
        String key = secret != null ? secret : generateSecret();
        Instant now = Db.now();
        // Deliveries start with the next change: history is what the feed (and `cairn sync`) is for.
        Webhook w = new Webhook(UuidV7.next(), caller.participantId(), url.strip(), key, types, categories, events,
                Webhook.Status.ACTIVE, feed.highWaterMark(), now, now);
        store.insert(w);
        return new Registered(w, key);
    }

    static String generateSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public List<Webhook> list(Caller caller) {
        caller.require(Scope.ADMIN);
        return store.list(caller.participantId());
    }

    /** The caller's own endpoint; anyone else's is reported as not found, so ids cannot be probed. */
    public Webhook get(Caller caller, UUID id) {
        caller.require(Scope.ADMIN);
        return store.find(id).filter(w -> w.participantId().equals(caller.participantId()))
                .orElseThrow(() -> ApiException.notFound("Webhook"));
    }

    public Map<Delivery.State, Integer> counts(Webhook w) {
        return store.counts(w.id());
    }

    public void delete(Caller caller, UUID id) {
        store.delete(get(caller, id).id());
    }

    public Webhook setStatus(Caller caller, UUID id, Webhook.Status status) {
        Webhook w = get(caller, id);
        store.setStatus(w.id(), status, Db.now());
        if (status == Webhook.Status.ACTIVE) {
            dispatcher.wake();
        }
        return store.find(w.id()).orElseThrow();
    }

    /** One page of the delivery log: {@code deliveries} newest first, and the cursor for the next page or null. */
    public record DeliveryPage(List<Delivery> deliveries, Long nextCursor) {
    }

    public DeliveryPage deliveries(Caller caller, UUID id, String state, String cursor, String limit) {
        Webhook w = get(caller, id);
        List<FieldError> errors = new ArrayList<>();
        Delivery.State s = null;
        if (state != null) {
            try {
                s = Delivery.State.valueOf(state.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("state", "must be one of pending, delivered, dead"));
            }
        }
        long before = Long.MAX_VALUE;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                errors.add(new FieldError("cursor", "must be a cursor returned by this listing"));
            }
        }
        int n = QueryParams.bounded("limit", limit, 1, 1000, errors);
        if (!errors.isEmpty()) {
            throw ApiException.malformed("Invalid query parameters", errors);
        }
        List<Delivery> page = store.deliveries(w.id(), s, before, n);
        return new DeliveryPage(page, page.size() == n ? page.getLast().seq() : null);
    }

    /** Sends one finished delivery again (same delivery id, fresh retry window). */
    public Delivery replay(Caller caller, UUID id, UUID deliveryId) {
        Webhook w = get(caller, id);
        Delivery d = store.findDelivery(w.id(), deliveryId).orElseThrow(() -> ApiException.notFound("Delivery"));
        if (d.state() == Delivery.State.PENDING) {
            throw ApiException.conflict("delivery-pending", "This delivery is still pending: it is retried already");
        }
        Instant now = Db.now();
        store.replay(w.id(), d.id(), EnumSet.of(Delivery.State.DEAD, Delivery.State.DELIVERED), now,
                now.plus(props.retryWindow()));
        dispatcher.wake();
        return store.findDelivery(w.id(), deliveryId).orElseThrow();
    }

    /** Requeues every DEAD delivery of an endpoint; the number requeued. */
    public int replayDead(Caller caller, UUID id) {
        Webhook w = get(caller, id);
        Instant now = Db.now();
        int n = store.replay(w.id(), null, EnumSet.of(Delivery.State.DEAD), now, now.plus(props.retryWindow()));
        dispatcher.wake();
        return n;
    }
}

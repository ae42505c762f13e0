package dev.cairn.server.webhook;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.feed.ChangeKind;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** {@code /api/v1/webhooks}: a participant's endpoints (admin scope), their delivery log and replays. */
@RestController
@RequestMapping("/api/v1/webhooks")
public class WebhookController {
    private final WebhookService webhooks;

    public WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> register(@AuthenticationPrincipal Caller caller, @RequestBody JsonNode body) {
        WebhookService.Registered r = webhooks.register(caller, body);
        Map<String, Object> out = view(r.webhook());
        out.put("secret", r.secret());
        out.put("note", "Store this secret now: it is shown only once. It signs every delivery (docs/webhooks.md).");
        return out;
    }

    @GetMapping
    public Map<String, Object> list(@AuthenticationPrincipal Caller caller) {
        return Map.of("webhooks", webhooks.list(caller).stream().map(WebhookController::view).toList());
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        Webhook w = webhooks.get(caller, id);
        Map<String, Object> out = view(w);
        Map<String, Object> counts = new LinkedHashMap<>();
        webhooks.counts(w).forEach((state, n) -> counts.put(state.name().toLowerCase(Locale.ROOT), n));
        out.put("deliveries", counts);
        return out;
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        webhooks.delete(caller, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/pause")
    public Map<String, Object> pause(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return view(webhooks.setStatus(caller, id, Webhook.Status.PAUSED));
    }

    @PostMapping("/{id}/resume")
    public Map<String, Object> resume(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return view(webhooks.setStatus(caller, id, Webhook.Status.ACTIVE));
    }

    @GetMapping("/{id}/deliveries")
    public Map<String, Object> deliveries(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
                                          @RequestParam(required = false) String state,
                                          @RequestParam(required = false) String cursor,
                                          @RequestParam(required = false, defaultValue = "100") String limit) {
        WebhookService.DeliveryPage page = webhooks.deliveries(caller, id, state, cursor, limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deliveries", page.deliveries().stream().map(WebhookController::view).toList());
        out.put("next_cursor", page.nextCursor() == null ? null : page.nextCursor().toString());
        return out;
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/replay")
    public Map<String, Object> replay(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
                                      @PathVariable UUID deliveryId) {
        return view(webhooks.replay(caller, id, deliveryId));
    }

    @PostMapping("/{id}/deliveries/replay-dead")
    public Map<String, Object> replayDead(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        return Map.of("replayed", webhooks.replayDead(caller, id));
    }

    static Map<String, Object> view(Webhook w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("url", w.url());
        m.put("types", w.types());
        m.put("categories", w.categories());
        m.put("events", w.events().stream().map(ChangeKind::wireName).toList());
        m.put("status", w.status().name().toLowerCase(Locale.ROOT));
        m.put("cursor", Long.toString(w.cursor()));
        m.put("created_at", w.createdAt());
        m.put("updated_at", w.updatedAt());
        return m;
    }

    static Map<String, Object> view(Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("seq", d.seq());
        m.put("event", d.kind().wireName());
        m.put("state", d.state().name().toLowerCase(Locale.ROOT));
        m.put("attempts", d.attempts());
        m.put("created_at", d.createdAt());
        m.put("last_attempt_at", d.lastAttemptAt());
        m.put("last_status", d.lastStatus());
        m.put("last_error", d.lastError());
        if (d.state() == Delivery.State.PENDING) {
            m.put("next_attempt_at", d.nextAttemptAt());
            m.put("give_up_at", d.giveUpAt());
        }
        m.put("delivered_at", d.deliveredAt());
        return m;
    }
}

package dev.cairn.server.feedback;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.signal.SignalScores;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Feedback on a signal and disputes of it, under the signal they concern. */
@RestController
@RequestMapping("/api/v1/signals/{id}")
public class FeedbackController {
    private final FeedbackService feedback;
    private final SignalScores scores;

    public FeedbackController(FeedbackService feedback, SignalScores scores) {
        this.feedback = feedback;
        this.scores = scores;
    }

    @PostMapping("/feedback")
    public ResponseEntity<Map<String, Object>> give(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
                                                    @RequestBody(required = false) JsonNode body) {
        FeedbackService.Recorded r = feedback.give(caller, id, body);
        return ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(FeedbackViews.feedback(r.feedback()));
    }

    @GetMapping("/feedback")
    public Map<String, Object> list(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        FeedbackService.FeedbackPage page = feedback.feedback(caller, id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("signal_id", id);
        out.put("summary", FeedbackViews.aggregate(page.everyone(), page.summary(), scores.score(page.signal())));
        out.put("feedback", page.current().stream().map(FeedbackViews::feedback).toList());
        out.put("history", page.history().stream().map(FeedbackViews::feedback).toList());
        return out;
    }

    @PostMapping("/disputes")
    public ResponseEntity<Map<String, Object>> dispute(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
                                                       @RequestBody(required = false) JsonNode body) {
        Dispute d = feedback.dispute(caller, id, body);
        return ResponseEntity.created(URI.create("/api/v1/signals/" + id + "/disputes/" + d.id()))
                .body(FeedbackViews.dispute(d));
    }

    @GetMapping("/disputes")
    public Map<String, Object> disputes(@AuthenticationPrincipal Caller caller, @PathVariable UUID id) {
        FeedbackService.DisputePage page = feedback.disputes(caller, id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("signal_id", id);
        out.put("open_disputes", page.openDisputes());
        out.put("disputes", page.disputes().stream().map(FeedbackViews::dispute).toList());
        return out;
    }

    @PostMapping("/disputes/{disputeId}/resolve")
    public Map<String, Object> resolve(@AuthenticationPrincipal Caller caller, @PathVariable UUID id,
                                       @PathVariable UUID disputeId, @RequestBody(required = false) JsonNode body) {
        return FeedbackViews.dispute(feedback.resolve(caller, id, disputeId, body));
    }
}

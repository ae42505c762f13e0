package dev.cairn.server.audit;

import dev.cairn.core.audit.AuditRecord;
import dev.cairn.server.auth.Caller;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.web.ApiException;
import dev.cairn.server.web.FieldError;
import dev.cairn.server.web.QueryParams;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/v1/audit}: the operator reads the whole chain (and can verify it with {@code cairn audit verify});
 * a participant admin reads its own organisation's entries.
 */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {
    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    public Map<String, Object> read(@AuthenticationPrincipal Caller caller,
                                    @RequestParam(required = false, defaultValue = "0") String after,
                                    @RequestParam(required = false, defaultValue = "1000") String limit,
                                    @RequestParam(required = false) String action,
                                    @RequestParam(required = false) String outcome) {
        caller.require(Scope.ADMIN);
        List<FieldError> errors = new ArrayList<>();
        long cursor = QueryParams.sequence("after", after, "must be a sequence number", errors);
        int n = QueryParams.bounded("limit", limit, 1, 10_000, errors);
        String out = outcome == null ? null : outcome.toUpperCase(Locale.ROOT);
        if (out != null) {
            try {
                AuditEvent.Outcome.valueOf(out);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("outcome", "unknown outcome"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.malformed("Invalid query parameters", errors);
        }
        List<AuditRecord> entries = audit.read(cursor, n, caller.operator() ? null : caller.participantId(), action, out);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", entries);
        body.put("next_cursor", entries.isEmpty() ? Long.toString(cursor) : Long.toString(entries.getLast().seq()));
        body.put("complete_chain", caller.operator() && action == null && out == null);
        return body;
    }
}

package dev.cairn.server.audit;

import dev.cairn.server.auth.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;

/**
 * Records one audit entry per authenticated API request: the key that authenticated (every API_KEY entry is also an
 * authentication success), the operation as method and route template (never the values in a query), the target id
 * from the route, and the outcome from the status. Handlers add counts via {@link #detail}.
 */
@Component
public class AuditInterceptor implements HandlerInterceptor {
    private static final String DETAIL = AuditInterceptor.class.getName() + ".detail";

    private final AuditLog audit;

    public AuditInterceptor(AuditLog audit) {
        this.audit = audit;
    }

    /** Adds counts or reasons (no identifier values) to the current request's audit entry. */
    public static void detail(HttpServletRequest request, String detail) {
        request.setAttribute(DETAIL, detail);
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (request.getDispatcherType() != jakarta.servlet.DispatcherType.REQUEST) {
            return;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        Caller caller = auth == null ? null
                : auth.getPrincipal() instanceof Caller c ? c
                : auth.getPrincipal() instanceof dev.cairn.server.user.SignedInUser u ? u.caller() : null;
        if (caller == null) {
            return;
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern == null ? request.getRequestURI() : pattern.toString();
        @SuppressWarnings("unchecked")
        Map<String, String> vars = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String targetId = null;
        String targetType = null;
        if (vars != null && !vars.isEmpty()) {
            var first = vars.entrySet().iterator().next();
            targetId = first.getValue();
            targetType = targetType(route);
        }
        int status = ex != null && response.getStatus() < 400 ? 500 : response.getStatus();
        Object detail = request.getAttribute(DETAIL);
        audit.record(new AuditEvent(caller.actorType(), caller.actorId(), caller.participantId(),
                request.getMethod() + " " + route, targetType, targetId, AuditEvent.Outcome.ofStatus(status),
                detail == null ? null : detail.toString()));
    }

    private static String targetType(String route) {
        String[] parts = route.split("/");
        // /api/v1/<feature>/{id}/...: the feature names the target
        return parts.length > 3 ? parts[3] : "";
    }
}

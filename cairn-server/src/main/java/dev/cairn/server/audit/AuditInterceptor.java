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
        Caller caller = caller();
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

    /**
     * Records a request that the security filters refused before it reached a handler (a console page outside the
     * user's role, a form with an expired CSRF token): refusals are what an auditor looks for first. The route is
     * the path as requested, since no handler was matched.
     */
    public void denied(HttpServletRequest request, String reason) {
        Caller caller = caller();
        if (caller == null) {
            return;
        }
        audit.record(new AuditEvent(caller.actorType(), caller.actorId(), caller.participantId(),
                request.getMethod() + " " + request.getRequestURI(), null, null, AuditEvent.Outcome.ofStatus(403),
                reason));
    }

    private static Caller caller() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null
                : auth.getPrincipal() instanceof Caller c ? c
                : auth.getPrincipal() instanceof dev.cairn.server.user.SignedInUser u ? u.caller() : null;
    }

    /** The feature a route's target belongs to: the last fixed segment before the first variable. */
    static String targetType(String route) {
        String type = "";
        for (String part : route.split("/")) {
            if (part.startsWith("{")) {
                break;
            }
            type = part;
        }
        return type;
    }
}

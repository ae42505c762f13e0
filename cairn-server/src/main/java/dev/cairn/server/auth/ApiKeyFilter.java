package dev.cairn.server.auth;

import dev.cairn.server.audit.AuditEvent;
import dev.cairn.server.audit.AuditLog;
import dev.cairn.server.ratelimit.RateLimiter;
import dev.cairn.server.web.ApiException;
import dev.cairn.server.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/** Authenticates {@code /api/**} requests by their {@code Authorization: Bearer <key>} header. */
public class ApiKeyFilter extends OncePerRequestFilter {
    private final ApiKeyService keys;
    private final ProblemWriter problems;
    private final AuditLog audit;
    private final RateLimiter limiter;

    public ApiKeyFilter(ApiKeyService keys, ProblemWriter problems, AuditLog audit, RateLimiter limiter) {
        this.keys = keys;
        this.problems = problems;
        this.audit = audit;
        this.limiter = limiter;
    }

    private void tooMany(HttpServletRequest request, HttpServletResponse response, long seconds, String detail)
            throws IOException {
        response.setHeader("Retry-After", Long.toString(seconds));
        problems.write(request, response, new ApiException(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS,
                "rate-limited", detail + "; retry after " + seconds + " s", null));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String address = request.getRemoteAddr();
        Caller caller;
        try {
            if (header == null || header.isBlank()) {
                throw ApiException.unauthorized("Missing API key: send 'Authorization: Bearer <key>'");
            }
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw ApiException.unauthorized("The Authorization header must use the Bearer scheme");
            }
            caller = keys.authenticate(header.substring(7).trim());
        } catch (ApiException e) {
            // Valid keys from the same address keep working (members often sit behind one NAT address); only the
            // failures are throttled, which keeps a misconfigured or hostile client from flooding the audit log.
            long wait = limiter.recordAuthFailure(address);
            if (wait > 0) {
                tooMany(request, response, wait, "Too many failed authentications from this address");
                return;
            }
            String token = header == null || header.length() < 7 ? "" : header.substring(7).trim();
            String prefix = ApiKeyTokens.prefixOf(token);
            audit.record(new AuditEvent(AuditEvent.ActorType.ANONYMOUS, prefix == null ? "" : "key-prefix:" + prefix,
                    null, "authenticate " + request.getMethod() + " " + request.getRequestURI(), "", "",
                    AuditEvent.Outcome.AUTH_FAILED, e.getMessage()));
            response.setHeader("WWW-Authenticate", "Bearer realm=\"cairn\"");
            problems.write(request, response, e);
            return;
        }
        long wait = limiter.tryRequest(caller.keyId().toString());
        if (wait > 0) {
            tooMany(request, response, wait, "Rate limit for this API key exceeded");
            return;
        }
        List<SimpleGrantedAuthority> authorities = caller.scopes().stream()
                .map(s -> new SimpleGrantedAuthority("SCOPE_" + s.name())).toList();
        var auth = new PreAuthenticatedAuthenticationToken(caller, null, authorities);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}

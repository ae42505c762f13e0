package dev.cairn.server.auth;

import dev.cairn.server.audit.AuditEvent;
import dev.cairn.server.audit.AuditLog;
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

    public ApiKeyFilter(ApiKeyService keys, ProblemWriter problems, AuditLog audit) {
        this.keys = keys;
        this.problems = problems;
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
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
            String token = header == null || header.length() < 7 ? "" : header.substring(7).trim();
            String prefix = ApiKeyTokens.prefixOf(token);
            audit.record(new AuditEvent(AuditEvent.ActorType.ANONYMOUS, prefix == null ? "" : "key-prefix:" + prefix,
                    null, "authenticate " + request.getMethod() + " " + request.getRequestURI(), "", "",
                    AuditEvent.Outcome.AUTH_FAILED, e.getMessage()));
            response.setHeader("WWW-Authenticate", "Bearer realm=\"cairn\"");
            problems.write(request, response, e);
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

package dev.cairn.server.idempotency;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.web.ApiException;
import dev.cairn.server.web.CachedBodyFilter;
import dev.cairn.server.web.FieldError;
import dev.cairn.server.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on API POSTs: the same key with the same request replays the first response; the same key
 * with a different request is a 409. Runs after authentication, since keys are scoped to the participant.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 10)
public class IdempotencyFilter extends OncePerRequestFilter {
    public static final String HEADER = "Idempotency-Key";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final IdempotencyStore store;
    private final ProblemWriter problems;

    public IdempotencyFilter(IdempotencyStore store, ProblemWriter problems) {
        this.store = store;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/") || !"POST".equals(request.getMethod())
                || request.getHeader(HEADER) == null;
    }

    private static CachedBodyFilter.CachedBodyRequest unwrap(jakarta.servlet.ServletRequest request) {
        while (request instanceof jakarta.servlet.ServletRequestWrapper w) {
            if (w instanceof CachedBodyFilter.CachedBodyRequest cached) {
                return cached;
            }
            request = w.getRequest();
        }
        return null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        CachedBodyFilter.CachedBodyRequest cached = unwrap(request);
        if (auth == null || !(auth.getPrincipal() instanceof Caller caller) || cached == null) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER);
        if (!KEY.matcher(key).matches()) {
            problems.write(request, response, ApiException.malformed("Invalid Idempotency-Key header",
                    List.of(new FieldError(HEADER, "must be 1 to 200 visible ASCII characters"))));
            return;
        }
        String requestHash = IdempotencyStore.hash(request.getMethod(), request.getRequestURI(),
                request.getQueryString(), request.getContentType(), cached.body());
        IdempotencyStore.Claim claim = store.claim(caller.participantId(), key, requestHash);
        switch (claim) {
            case IdempotencyStore.Claim.Replay replay -> {
                response.setStatus(replay.status());
                if (replay.contentType() != null) {
                    response.setContentType(replay.contentType());
                }
                response.setHeader("Idempotency-Replayed", "true");
                response.getOutputStream().write(replay.body().getBytes(StandardCharsets.UTF_8));
                return;
            }
            case IdempotencyStore.Claim.Mismatch m -> {
                problems.write(request, response, ApiException.conflict("idempotency-key-reused",
                        "This Idempotency-Key was already used with a different request"));
                return;
            }
            case IdempotencyStore.Claim.InProgress p -> {
                problems.write(request, response, ApiException.conflict("idempotency-key-in-progress",
                        "A request with this Idempotency-Key is still being processed; retry shortly"));
                return;
            }
            case IdempotencyStore.Claim.Claimed c -> {
                // proceed below
            }
        }
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        boolean completed = false;
        try {
            chain.doFilter(request, wrapper);
            completed = true;
        } finally {
            int status = wrapper.getStatus();
            if (completed && status < 500) {
                store.complete(caller.participantId(), key, status, wrapper.getContentType(),
                        new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8));
            } else {
                store.release(caller.participantId(), key);
            }
            wrapper.copyBodyToResponse();
        }
    }
}

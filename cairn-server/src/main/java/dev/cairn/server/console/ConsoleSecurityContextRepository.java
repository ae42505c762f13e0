package dev.cairn.server.console;

import dev.cairn.server.user.SignedInUser;
import dev.cairn.server.user.UserService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the console session in the HTTP session, but re-reads the user and their organisation from the database on
 * every request, as API keys are: a suspension, a role change or a reset second factor applies to the very next
 * request, not at the end of the session.
 */
@Component
public class ConsoleSecurityContextRepository implements SecurityContextRepository {
    /** Set on a request whose session was ended because the account changed; the login page says so. */
    public static final String ENDED = "cairn.console.session-ended";

    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    private final UserService users;

    public ConsoleSecurityContextRepository(UserService users) {
        this.users = users;
    }

    @Override
    @SuppressWarnings("deprecation")
    public org.springframework.security.core.context.SecurityContext loadContext(
            org.springframework.security.web.context.HttpRequestResponseHolder holder) {
        return refresh(sessions.loadContext(holder), holder.getRequest());
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        DeferredSecurityContext stored = sessions.loadDeferredContext(request);
        return new DeferredSecurityContext() {
            private SecurityContext context;

            @Override
            public SecurityContext get() {
                if (context == null) {
                    context = refresh(stored.get(), request);
                }
                return context;
            }

            @Override
            public boolean isGenerated() {
                return get().getAuthentication() == null;
            }
        };
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        sessions.saveContext(context, request, response);
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return sessions.containsContext(request);
    }

    private SecurityContext refresh(SecurityContext stored, HttpServletRequest request) {
        Authentication auth = stored.getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof SignedInUser before)) {
            return stored;
        }
        var now = users.signedIn(before.userId());
        if (now.isEmpty()) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            request.setAttribute(ENDED, Boolean.TRUE);
            return SecurityContextHolder.createEmptyContext();
        }
        SecurityContext fresh = SecurityContextHolder.createEmptyContext();
        fresh.setAuthentication(authentication(now.get()));
        return fresh;
    }

    /** The authentication of a signed-in user: its authorities are the role, the scopes and, for operator admins, OPERATOR. */
    public static Authentication authentication(SignedInUser user) {
        List<SimpleGrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + user.role().name()));
        user.caller().scopes().forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s.name())));
        if (user.caller().operator()) {
            authorities.add(new SimpleGrantedAuthority("OPERATOR"));
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }
}

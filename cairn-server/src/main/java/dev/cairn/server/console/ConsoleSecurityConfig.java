package dev.cairn.server.console;

import dev.cairn.server.audit.AuditInterceptor;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;

import java.io.IOException;

/**
 * The console's own filter chain: a session cookie (HttpOnly, SameSite=Lax, Secure when the request came over TLS;
 * see application.properties), CSRF tokens on every state-changing request (htmx sends it as a header), and strict
 * security headers. The API chain ({@code /api/**}, bearer keys, stateless) is untouched.
 */
@Configuration
public class ConsoleSecurityConfig {
    /** No inline script or style anywhere: every script and style sheet is a file served by Cairn. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    /** Where a signed-out visitor was going, so sign-in can take them there. Only paths; never identifier values. */
    static final String RETURN_TO = "cairn.console.return-to";

    @Bean
    @Order(2)
    SecurityFilterChain consoleAssetsChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/webjars/**", "/console/assets/**")
                .csrf(c -> c.disable()) // read-only static files
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.requestCache(new NullRequestCache()))
                .headers(h -> h.cacheControl(c -> c.disable()).contentSecurityPolicy(c -> c.policyDirectives(CSP)))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain consoleChain(HttpSecurity http, ConsoleSecurityContextRepository contexts, AuditInterceptor audit)
            throws Exception {
        AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
        denied.setErrorPage("/console/denied");
        http.securityMatcher("/console/**")
                .securityContext(c -> c.securityContextRepository(contexts))
                .csrf(Customizer.withDefaults())
                .httpBasic(b -> b.disable())
                // sign-in has two steps (password, then code), so LoginController runs it instead of formLogin
                .formLogin(f -> f.disable())
                .requestCache(c -> c.requestCache(new NullRequestCache()))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .logout(l -> l.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?signed-out"))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                                "camera=(), microphone=(), geolocation=(), payment=(), usb=()"))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")))
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/console/login", "/console/login/**").permitAll()
                        .requestMatchers("/console/operator/**").hasAuthority("OPERATOR")
                        .requestMatchers("/console/admin/**").hasAuthority("SCOPE_ADMIN")
                        .requestMatchers("/console/submit", "/console/submit/**", "/console/bulk", "/console/bulk/**")
                        .hasAuthority("SCOPE_WRITE")
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> toLogin(req, res))
                        .accessDeniedHandler((req, res, ex) -> {
                            audit.denied(req, ex instanceof CsrfException ? "csrf token missing or expired" : "role");
                            if (htmx(req)) {
                                res.setStatus(HttpServletResponse.SC_FORBIDDEN);
                                res.setContentType("text/html;charset=UTF-8");
                                res.getWriter().write("<p class=\"notice error\" role=\"alert\">Your role does not allow "
                                        + "this, or the page had expired. Reload the page and try again.</p>");
                            } else {
                                denied.handle(req, res, ex);
                            }
                        }));
        return http.build();
    }

    private static void toLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String target = "/console/login" + (request.getAttribute(ConsoleSecurityContextRepository.ENDED) != null ? "?ended" : "");
        if (htmx(request)) {
            // htmx would swap the login page into a fragment; ask it to navigate instead
            response.setHeader("HX-Redirect", target);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        // Only a page the person opened is a place to return to: a script's fetch (the dashboard's chart data) that
        // arrives after the session ended would otherwise send them to raw JSON after signing in again.
        String mode = request.getHeader("Sec-Fetch-Mode");
        if ("GET".equals(request.getMethod()) && (mode == null || mode.equals("navigate"))) {
            String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
            request.getSession().setAttribute(RETURN_TO, path);
        }
        response.sendRedirect(target);
    }

    static boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }
}

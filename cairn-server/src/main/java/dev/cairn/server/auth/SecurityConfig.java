package dev.cairn.server.auth;

import dev.cairn.server.web.ApiException;
import jakarta.servlet.DispatcherType;
import dev.cairn.server.web.ProblemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

@Configuration
public class SecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiKeyService keys, ProblemWriter problems,
                                dev.cairn.server.audit.AuditLog audit,
                                dev.cairn.server.ratelimit.RateLimiter limiter) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(c -> c.disable()) // bearer-token API: no ambient credentials for a forged request to ride on
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .addFilterBefore(new ApiKeyFilter(keys, problems, audit, limiter), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        // streamed responses finish on an async dispatch, after the key was checked
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problems.write(req, res,
                                ApiException.unauthorized("Missing API key: send 'Authorization: Bearer <key>'")))
                        .accessDeniedHandler((req, res, ex) -> problems.write(req, res,
                                ApiException.forbidden("Access denied"))));
        return http.build();
    }

    /** Last: the console's chains (dev.cairn.server.console.ConsoleSecurityConfig) come before it. */
    @Bean
    @Order(10)
    SecurityFilterChain publicChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/", "/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
                                "/error").permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }
}

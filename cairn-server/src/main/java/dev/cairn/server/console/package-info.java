/**
 * The analyst console under {@code /console}: server-rendered Thymeleaf pages with htmx and Chart.js from WebJars, its
 * own Spring Security chain (session cookie, CSRF, strict CSP), and controllers that call the feature services with
 * the signed-in user's {@link dev.cairn.server.auth.Caller}. Other features add sections to the signal page through
 * {@link dev.cairn.server.console.SignalDetailSection}.
 */
package dev.cairn.server.console;

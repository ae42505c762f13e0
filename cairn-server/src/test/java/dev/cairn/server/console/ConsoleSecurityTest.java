package dev.cairn.server.console;

import dev.cairn.server.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's HTTP-level protections, checked without a browser. */
class ConsoleSecurityTest extends ApiTestBase {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLoginPageSetsAHardenedSessionCookieAndSecurityHeaders() throws Exception {
        var r = get("/console/login");
        assertThat(r.statusCode()).isEqualTo(200);
        var h = r.headers();
        assertThat(h.firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("script-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
        assertThat(h.firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(h.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(h.firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(h.firstValue("Cache-Control")).hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        String cookie = h.allValues("Set-Cookie").stream().filter(c -> c.startsWith("CAIRN_SESSION=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        assertThat(r.body()).contains("name=\"_csrf\"").doesNotContain("<script>").doesNotContain(" style=\"");
    }

    @Test
    void consolePagesNeedASignInAndPostsNeedACsrfToken() throws Exception {
        var r = get("/console/signals");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login"));
        var post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/console/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=a&password=b")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(403);
        var htmx = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/console/dashboard/data"))
                .header("HX-Request", "true").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(htmx.statusCode()).isEqualTo(401);
        assertThat(htmx.headers().firstValue("HX-Redirect")).hasValue("/console/login");
        assertThat(get("/").headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console"));
    }

    @Test
    void webjarsResolveWithoutVersionsAndTheApiStaysStateless() throws Exception {
        var htmx = get("/webjars/htmx.org/dist/htmx.min.js");
        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.body()).contains("htmx");
        assertThat(get("/webjars/chart.js/dist/chart.umd.min.js").statusCode()).isEqualTo(200);
        assertThat(get("/console/assets/console.css").statusCode()).isEqualTo(200);
        var api = get("/api/v1/taxonomy");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(operator().get("/api/v1/taxonomy").headers().allValues("Set-Cookie")).isEmpty();
    }
}

package dev.cairn.server.ratelimit;

import dev.cairn.server.support.ApiClient;
import dev.cairn.server.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = {
        "cairn.rate-limit.requests-per-minute=5",
        "cairn.rate-limit.auth-failures-per-minute=3"})
class RateLimitApiTest extends ApiTestBase {

    @Test
    void eachKeyHasItsOwnBucketAndExcessGets429WithRetryAfter() {
        var member = newMember("northwind");
        var other = newMember("fabrikam");
        for (int i = 0; i < 5; i++) {
            assertThat(member.api().get("/api/v1/taxonomy").status()).isEqualTo(200);
        }
        var limited = member.api().get("/api/v1/taxonomy");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(other.api().get("/api/v1/taxonomy").status()).isEqualTo(200);
    }

    @Test
    void repeatedFailedAuthenticationsFromOneAddressAreSlowedDown() {
        ApiClient guesser = new ApiClient(port, "cairn_aaaaaaaaaaaa_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
        int unauthorized = 0;
        int limited = 0;
        for (int i = 0; i < 6; i++) {
            int s = guesser.get("/api/v1/taxonomy").status();
            if (s == 401) {
                unauthorized++;
            } else if (s == 429) {
                limited++;
            }
        }
        assertThat(unauthorized).isLessThanOrEqualTo(3);
        assertThat(limited).isGreaterThanOrEqualTo(3);
    }
}

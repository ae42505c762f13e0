package dev.cairn.server.webhook;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookPartsTest {

    @Test
    void backoffIsFullJitterUnderADoublingCeilingCappedAtTheMaximum() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(2));
        Random random = new Random(42);
        long maxSeenFirst = 0;
        long maxSeenLate = 0;
        for (int i = 0; i < 2000; i++) {
            Duration first = p.delay(1, random);
            Duration fourth = p.delay(4, random);
            Duration late = p.delay(30, random);
            assertThat(first).isBetween(Duration.ZERO, Duration.ofSeconds(5));
            assertThat(fourth).isBetween(Duration.ZERO, Duration.ofSeconds(40));
            assertThat(late).isBetween(Duration.ZERO, Duration.ofHours(2));
            maxSeenFirst = Math.max(maxSeenFirst, first.toMillis());
            maxSeenLate = Math.max(maxSeenLate, late.toMillis());
        }
        assertThat(maxSeenFirst).isGreaterThan(4000);
        assertThat(maxSeenLate).isGreaterThan(Duration.ofHours(1).toMillis());
    }

    @Test
    void signaturesBindTimestampAndBody() {
        byte[] body = "{\"delivery_id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.header("whsec_test", 1_700_000_000L, body);
        assertThat(header).matches("t=1700000000,v1=[0-9a-f]{64}");
        assertThat(WebhookSignature.verify("whsec_test", header, body, 1_700_000_100L, 300)).isTrue();
        assertThat(WebhookSignature.verify("whsec_test", header, body, 1_700_000_400L, 300)).as("too old").isFalse();
        assertThat(WebhookSignature.verify("whsec_test", header.replace("t=1700000000", "t=1700000001"), body,
                1_700_000_000L, 300)).as("timestamp is signed").isFalse();
        assertThat(WebhookSignature.verify("whsec_test", header, "{}".getBytes(StandardCharsets.UTF_8),
                1_700_000_000L, 300)).isFalse();
        // The value the openssl and Python snippets in docs/webhooks.md compute for the same input.
        assertThat(WebhookSignature.hmacHex("whsec_test", 1_767_225_600L, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("6d204545ff126a339c00513d93603299c984074ce1331c3537c3f6c976b49019");
    }

    @Test
    void urlPolicy() {
        WebhookUrls open = new WebhookUrls(true);
        WebhookUrls strict = new WebhookUrls(false);
        assertThat(open.refusal("https://hooks.example.com/cairn")).isNull();
        assertThat(open.refusal("http://127.0.0.1:8080/hook")).isNull();
        assertThat(open.refusal("ftp://hooks.example.com/")).contains("http");
        assertThat(open.refusal("https://user:secret@hooks.example.com/")).contains("credentials");
        assertThat(open.refusal("https:///nohost")).isNotNull();
        assertThat(open.refusal("not a url")).isNotNull();
        assertThat(strict.refusal("https://hooks.example.com/cairn")).isNull();
        for (String url : new String[]{"http://127.0.0.1/", "http://10.1.2.3/", "http://192.168.0.1/",
                "http://169.254.169.254/latest/meta-data", "http://[::1]/", "http://[fd00::1]/", "http://localhost:9000/",
                "http://100.64.0.1/"}) {
            assertThat(strict.refusal(url)).as(url).contains("private");
        }
        assertThat(strict.deliveryRefusal(URI.create("http://127.0.0.1:1/hook"))).contains("private");
        assertThat(open.deliveryRefusal(URI.create("http://127.0.0.1:1/hook"))).isNull();
    }
}

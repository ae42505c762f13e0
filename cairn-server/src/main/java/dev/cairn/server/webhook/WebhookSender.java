package dev.cairn.server.webhook;

import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Makes one signed POST. Never follows redirects: a redirect could lead past the URL checks, so 3xx is a failure. */
@Component
public class WebhookSender {
    private final WebhookProperties props;
    private final HttpClient http;

    public WebhookSender(WebhookProperties props) {
        this.props = props;
        this.http = HttpClient.newBuilder()
                .connectTimeout(props.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param status the HTTP status, null when no response came
     * @param error  why the attempt failed (never the receiver's response body), null on success
     */
    public record Outcome(Integer status, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    public Outcome post(URI url, byte[] body, String deliveryId, long seq, String webhookId, String signature) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(props.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Cairn-Webhooks/1")
                .header("Cairn-Delivery-Id", deliveryId)
                .header("Cairn-Event-Seq", Long.toString(seq))
                .header("Cairn-Webhook-Id", webhookId)
                .header(WebhookSignature.HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        CompletableFuture<HttpResponse<Void>> call = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            // The request timeout only bounds the wait for response headers; this bounds the whole exchange.
            int status = call.get(props.requestTimeout().toMillis(), TimeUnit.MILLISECONDS).statusCode();
            return status >= 200 && status < 300 ? new Outcome(status, null)
                    : new Outcome(status, "HTTP " + status + " (only 2xx counts as delivered)");
        } catch (TimeoutException e) {
            call.cancel(true);
            return new Outcome(null, "timed out after " + props.requestTimeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return new Outcome(null, "timed out: " + cause.getMessage());
            }
            return new Outcome(null, cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        }
    }
}

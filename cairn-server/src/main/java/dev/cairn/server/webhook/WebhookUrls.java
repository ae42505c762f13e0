package dev.cairn.server.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which URLs Cairn will POST to. Checked at registration (so the member gets a 422 naming {@code url}) and again before
 * every delivery (the DNS answer may have changed since). With private addresses disallowed, a host name is resolved
 * and every address must be public; the HTTP client resolves once more when it connects, so this narrows rather than
 * closes the DNS-rebinding window (operators who need more put an egress proxy in front).
 */
public final class WebhookUrls {
    private final boolean allowPrivate;

    public WebhookUrls(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why this URL may not be registered, or null if it may. Does not resolve host names. */
    public String refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be an absolute http or https URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must be an absolute http or https URL";
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            return "must not contain credentials (authenticate the request with the signature instead)";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "must name a host";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a fragment";
        }
        if (!allowPrivate) {
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            if (host.equals("localhost") || host.endsWith(".localhost") || host.endsWith(".internal")
                    || host.endsWith(".local")) {
                return "must not point to a private or loopback address on this exchange";
            }
            if (isLiteral(host) && isPrivate(literal(host))) {
                return "must not point to a private or loopback address on this exchange";
            }
        }
        return null;
    }

    /** Why a delivery to this URL must not be attempted now, or null; resolves the host when private addresses are barred. */
    public String deliveryRefusal(URI uri) {
        String reason = refusal(uri.toString());
        if (reason != null || allowPrivate) {
            return reason;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
                if (isPrivate(a)) {
                    return "host resolves to a private or loopback address";
                }
            }
        } catch (UnknownHostException e) {
            return null; // let the connection attempt fail and be retried like any other network error
        }
        return null;
    }

    static boolean isPrivate(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) || first >= 240;
        }
        return (b[0] & 0xfe) == 0xfc; // IPv6 unique local fc00::/7
    }

    private static boolean isLiteral(String host) {
        return host.startsWith("[") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private static InetAddress literal(String host) {
        try {
            // Only called on literals: no DNS lookup happens.
            return InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }
}

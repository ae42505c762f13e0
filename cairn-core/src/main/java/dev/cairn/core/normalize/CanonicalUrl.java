package dev.cairn.core.normalize;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A URL after Safe Browsing canonicalisation. All parts are already percent-escaped as the spec requires.
 *
 * @param scheme  lower-case scheme (http, https, ftp)
 * @param host    canonical host: lower-case ASCII name, dotted-quad IPv4, or bracketed RFC 5952 IPv6
 * @param path    canonical path, always starting with '/'
 * @param query   the query without its '?', or {@code null} when the URL had no '?' at all ("" keeps a bare '?')
 * @param ipHost  whether the host is an IP literal
 */
public record CanonicalUrl(String scheme, String host, String path, String query, boolean ipHost) {

    /** The canonical URL, {@code scheme://host/path[?query]}. */
    public String url() {
        return scheme + "://" + expression();
    }

    /** The full Safe Browsing expression {@code host/path[?query]}: the URL signal's match key. */
    public String expression() {
        return query == null ? host + path : host + path + '?' + query;
    }

    /**
     * The Safe Browsing suffix/prefix lookup expressions, the full expression first. Hosts: the exact host, then (for
     * names, not IPs) the suffixes formed from the last five labels down to two, at most four of them. Paths: the full
     * path with query, the path without query, then the root and up to three leading directories, each with a
     * trailing slash. Duplicates are dropped, so there are at most 5 × 6 = 30.
     */
    public List<String> lookupExpressions() {
        List<String> hosts = new ArrayList<>(5);
        hosts.add(host);
        if (!ipHost) {
            String[] labels = host.split("\\.", -1);
            int n = labels.length;
            for (int k = Math.min(5, n); k >= 2; k--) {
                if (k == n) {
                    continue; // that is the exact host
                }
                hosts.add(String.join(".", java.util.Arrays.copyOfRange(labels, n - k, n)));
            }
        }
        Set<String> paths = new LinkedHashSet<>(8);
        if (query != null) {
            paths.add(path + '?' + query);
        }
        paths.add(path);
        paths.add("/");
        int from = 1;
        for (int dirs = 0; dirs < 3; dirs++) {
            int slash = path.indexOf('/', from);
            if (slash < 0) {
                break; // the remaining segment is a file name, not a directory
            }
            paths.add(path.substring(0, slash + 1));
            from = slash + 1;
        }
        Set<String> out = new LinkedHashSet<>(hosts.size() * paths.size() * 2);
        out.add(expression());
        for (String h : hosts) {
            for (String p : paths) {
                out.add(h + p);
            }
        }
        return List.copyOf(out);
    }
}

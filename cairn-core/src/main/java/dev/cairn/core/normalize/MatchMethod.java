package dev.cairn.core.normalize;

/** How a query item reached a stored signal. Reported on every match so an analyst can weigh the lead. */
public enum MatchMethod {
    /** The value as given was already the canonical form. */
    EXACT,
    /** Equal after normalisation (case, punctuation, provider aliases, number format, notation). */
    NORMALISED,
    /** Equal only after mapping visually confusable characters (UTS #39 skeleton). */
    CONFUSABLE,
    /** A URL signal matched one of the query URL's Safe Browsing lookup expressions. */
    URL_EXPRESSION,
    /** A DOMAIN signal matched a parent domain of the queried domain or URL host. */
    SUBDOMAIN,
    /** An IP signal given as a CIDR range contains the queried address. */
    CIDR,
    /** A PDQ signal within the Hamming distance threshold. */
    NEAR_DUPLICATE
}

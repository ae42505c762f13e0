package dev.cairn.core.normalize;

/**
 * IP: an address or CIDR block, key = {@link IpRange#toString()} (canonical dotted quad or RFC 5952 IPv6, IPv4-mapped
 * folded to IPv4, a full-length prefix written as the bare address). Defanged dots ({@code [.]}) and brackets around
 * IPv6 are accepted. Query probes: only the exact key; containment in CIDR signals is the server's range index, fed by
 * {@link IpRange#parse} on stored keys and {@link IpAddress#parse} on query keys.
 */
final class IpNormalizer implements TypeNormalizer {
    static final IpNormalizer INSTANCE = new IpNormalizer();

    private IpNormalizer() {
    }

    @Override
    public Normalized normalize(String value, NormalizeOptions options) {
        String s = value.strip().replace("[.]", ".").replace("(.)", ".");
        return Normalized.of(IpRange.parse(s).toString());
    }
}

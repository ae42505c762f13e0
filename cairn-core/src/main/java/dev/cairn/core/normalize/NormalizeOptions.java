package dev.cairn.core.normalize;

/**
 * Caller context that changes how a value is read.
 *
 * @param defaultRegion ISO 3166 region used to read phone numbers written in national format (for example "US")
 */
public record NormalizeOptions(String defaultRegion) {
    public static final NormalizeOptions DEFAULT = new NormalizeOptions("US");
}

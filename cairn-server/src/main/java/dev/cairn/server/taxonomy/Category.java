package dev.cairn.server.taxonomy;

import java.time.Duration;

/** Why a signal was shared. Retention is the default validity of signals in the category. */
public record Category(String code, String name, String description, int retentionDays, boolean deprecated) {
    public Duration retention() {
        return Duration.ofDays(retentionDays);
    }
}

package dev.cairn.server.match;

import dev.cairn.core.normalize.NormalizeOptions;
import dev.cairn.core.normalize.Normalized;
import dev.cairn.core.normalize.SignalNormalizer;
import dev.cairn.core.signal.SignalType;
import dev.cairn.server.signal.Signal;
import dev.cairn.server.signal.SignalStatus;

import java.util.UUID;

/**
 * What the match path needs of a signal, held in memory so that matching never queries the database. Identity is
 * the signal id alone: a newer version of a signal replaces the older one in every index.
 */
public final class IndexedSignal {
    final UUID id;
    final SignalType type;
    final boolean blinded;
    final String key;
    final UUID owner;
    final String ownerSlug;
    final String[] categories;
    final int confidence;
    final String platform;
    final long validUntilMillis;
    /** Creation time: the quality score's age term is computed from it at query time. */
    final long createdAtMillis;
    final long version;
    final boolean active;
    final dev.cairn.server.signal.Visibility visibility;
    final UUID sharingGroupId;
    /** For usernames, the normal form before the confusable mapping: tells a confusable match from a normalised one. */
    final Normalized form;
    /** 64-bit hash of the value as submitted: lets a hit say "exact" without holding the value in memory. */
    final long valueHash;

    IndexedSignal(Signal s) {
        this.id = s.id();
        this.type = s.type();
        this.blinded = s.blinded();
        this.key = s.matchKey();
        this.owner = s.ownerId();
        this.ownerSlug = s.ownerSlug() == null ? null : s.ownerSlug().intern();
        this.categories = s.categories().stream().map(String::intern).toArray(String[]::new);
        this.confidence = s.confidence();
        this.platform = s.platform() == null ? null : s.platform().intern();
        this.validUntilMillis = s.validUntil().toEpochMilli();
        this.createdAtMillis = s.createdAt().toEpochMilli();
        this.version = s.version();
        this.active = s.status() == SignalStatus.ACTIVE;
        this.visibility = s.visibility();
        this.sharingGroupId = s.sharingGroupId();
        this.valueHash = valueHash(s.value());
        this.form = s.type() == SignalType.USERNAME && !s.blinded() && active
                ? SignalNormalizer.normalize(SignalType.USERNAME, s.value(), NormalizeOptions.DEFAULT) : null;
    }

    /** FNV-1a over the UTF-16 code units. */
    static long valueHash(String value) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < value.length(); i++) {
            h ^= value.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The same rule as {@link Signal#visibleTo}, for an indexed (hence active) signal. */
    boolean visibleTo(UUID viewer, java.util.Set<UUID> groups) {
        return switch (visibility) {
            case ALL -> true;
            case GROUP -> owner.equals(viewer) || (sharingGroupId != null && groups.contains(sharingGroupId));
            case PRIVATE -> owner.equals(viewer);
        };
    }

    public UUID id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexedSignal other && other.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}

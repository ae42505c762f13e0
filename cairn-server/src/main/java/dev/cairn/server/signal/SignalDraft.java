package dev.cairn.server.signal;

import dev.cairn.core.signal.SignalType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A validated, normalised submission, ready to store. */
public record SignalDraft(SignalType type, String value, String matchKey, boolean blinded, List<String> categories,
                          int confidence, String description, List<String> tags, String platform, Integer quality,
                          Instant validUntil, Visibility visibility, UUID sharingGroupId) {
}

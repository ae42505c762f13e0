package dev.cairn.core.audit;

/**
 * One audit log entry as it is chained: every field that the hash covers, in canonical text form. Holds ids and
 * counts only, never identifier values.
 *
 * @param seq         position in the log, contiguous from 1
 * @param at          ISO-8601 instant ({@code Instant.toString()})
 * @param actorType   API_KEY, USER or SYSTEM
 * @param actorId     the key id, user id or job name
 * @param participant the acting participant's id, or empty
 * @param action      what was done, e.g. {@code GET /api/v1/signals/{id}}
 * @param targetType  the kind of object acted on, or empty
 * @param targetId    its id, or empty
 * @param outcome     SUCCESS, DENIED, NOT_FOUND, REJECTED, AUTH_FAILED or ERROR
 * @param requestId   the request's id, or empty
 * @param detail      counts and reasons, never values
 * @param prevHash    hash of the previous entry (64 zeros for the first)
 * @param hash        SHA-256 over all of the above, see {@link AuditChain}
 */
public record AuditRecord(long seq, String at, String actorType, String actorId, String participant, String action,
                          String targetType, String targetId, String outcome, String requestId, String detail,
                          String prevHash, String hash) {
}

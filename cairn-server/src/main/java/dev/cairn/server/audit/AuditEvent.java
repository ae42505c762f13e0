package dev.cairn.server.audit;

import java.util.UUID;

/** What happened, by whom, to what: the input of one audit entry. Ids and counts only. */
public record AuditEvent(ActorType actorType, String actorId, UUID participantId, String action, String targetType,
                         String targetId, Outcome outcome, String detail) {

    public enum ActorType { API_KEY, USER, SYSTEM, ANONYMOUS }

    public enum Outcome {
        SUCCESS, DENIED, NOT_FOUND, REJECTED, AUTH_FAILED, ERROR;

        public static Outcome ofStatus(int status) {
            if (status < 400) {
                return SUCCESS;
            }
            return switch (status) {
                case 401 -> AUTH_FAILED;
                case 403 -> DENIED;
                case 404 -> NOT_FOUND;
                default -> status >= 500 ? ERROR : REJECTED;
            };
        }
    }

    public static AuditEvent system(String job, String action, String targetType, String targetId, String detail) {
        return new AuditEvent(ActorType.SYSTEM, job, null, action, targetType, targetId, Outcome.SUCCESS, detail);
    }
}

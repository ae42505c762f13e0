package dev.cairn.server.console;

import dev.cairn.server.audit.AuditEvent;
import dev.cairn.server.audit.AuditLog;
import dev.cairn.server.participant.Participant;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The audit viewer's filters as typed (GET parameters, so a filtered view can be bookmarked) and their reading into an
 * {@link AuditLog.Filter}. Dates are whole UTC days, "to" included; the participant is a slug, which only the
 * operator may choose.
 */
public record AuditFilters(String participant, String action, String outcome, String from, String to, String before) {

    static AuditFilters of(String participant, String action, String outcome, String from, String to, String before) {
        return new AuditFilters(clean(participant), clean(action), clean(outcome).toUpperCase(Locale.ROOT), clean(from),
                clean(to), clean(before));
    }

    public boolean any() {
        return !(participant + action + outcome + from + to).isEmpty();
    }

    /**
     * The filter for the log, or the first problem with the input. {@code scope} is the participant a non-operator is
     * restricted to (null for the operator); {@code bySlug} finds the operator's chosen participant.
     */
    Result read(UUID scope, Function<String, Optional<Participant>> bySlug, List<String> problems) {
        UUID who = scope;
        if (scope == null && !participant.isEmpty()) {
            who = bySlug.apply(participant).map(Participant::id).orElse(null);
            if (who == null) {
                problems.add("There is no participant '" + participant + "'.");
            }
        }
        if (!outcome.isEmpty()) {
            try {
                AuditEvent.Outcome.valueOf(outcome);
            } catch (IllegalArgumentException e) {
                problems.add("Unknown outcome.");
            }
        }
        LocalDate fromDay = day(from, "'From'", problems);
        LocalDate toDay = day(to, "'To'", problems);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            problems.add("'To' must not be before 'From'.");
        }
        long cursor = Long.MAX_VALUE;
        if (!before.isEmpty()) {
            try {
                cursor = Long.parseLong(before);
                if (cursor < 1) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.add("That page link is not valid; start from the newest records.");
            }
        }
        return new Result(new AuditLog.Filter(who, action.isEmpty() ? null : action, outcome.isEmpty() ? null : outcome,
                fromDay == null ? null : fromDay.atStartOfDay(ZoneOffset.UTC).toInstant(),
                toDay == null ? null : toDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()), cursor);
    }

    record Result(AuditLog.Filter filter, long before) {
    }

    private static LocalDate day(String s, String label, List<String> problems) {
        if (s.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            problems.add(label + " must be a date.");
            return null;
        }
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }
}

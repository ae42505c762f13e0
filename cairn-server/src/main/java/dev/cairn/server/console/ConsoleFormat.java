package dev.cairn.server.console;

import dev.cairn.server.feedback.Outcome;
import dev.cairn.server.feedback.Resolution;
import dev.cairn.server.signal.Signal;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formatting for templates ({@code ${@fmt.date(x)}}): times in UTC, the exchange's one clock across members. */
@Component("fmt")
public class ConsoleFormat {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    public String date(Instant at) {
        return at == null ? "—" : DATE.format(at);
    }

    public String dateTime(Instant at) {
        return at == null ? "—" : DATE_TIME.format(at);
    }

    /** Outcomes in plain words, as the feedback form offers them. */
    public String outcome(Outcome o) {
        return switch (o) {
            case ACTIONED -> "Actioned (accounts or content)";
            case CONFIRMED_NO_ACTION -> "Confirmed, no action needed";
            case NOT_FOUND -> "Not found on our platform";
            case FALSE_POSITIVE -> "False positive";
            case REPORTED_TO_AUTHORITIES -> "Reported to the authorities";
            case UNDER_REVIEW -> "Under review";
        };
    }

    public String resolution(Resolution r) {
        return switch (r) {
            case UPHELD -> "Upheld: the signal stands";
            case AMENDED -> "Amended: I corrected the signal";
            case RETRACTED -> "Retracted: withdraw the signal";
        };
    }

    public String mask(Signal s) {
        return ValueMask.mask(s.type(), s.blinded(), s.value());
    }
}

package dev.cairn.server.console;

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

    public String mask(Signal s) {
        return ValueMask.mask(s.type(), s.blinded(), s.value());
    }
}

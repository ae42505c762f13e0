package dev.cairn.server.console;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.feedback.ImpactService;
import dev.cairn.server.support.Db;
import dev.cairn.server.user.SignedInUser;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * "My impact": what the member's signals led to at other members ({@link ImpactService#forOwner}) and the flows
 * between members ({@link ImpactService#flows}), over a window of whole UTC days. The URL carries dates and signal
 * ids only.
 */
@Controller
@RequestMapping("/console/impact")
public class ImpactConsoleController {
    static final int PAGE = 25;

    private final ImpactService impact;

    public ImpactConsoleController(ImpactService impact) {
        this.impact = impact;
    }

    /** The filter as typed: dates (yyyy-mm-dd), both optional; {@code until} is the last day included. */
    public record Filters(String since, String until) {
    }

    /** A window checked, or the errors of each field. */
    record Checked(ImpactService.Window window, Map<String, String> errors) {
    }

    @GetMapping
    public String page(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "") String since,
                       @RequestParam(defaultValue = "") String until, @RequestParam(defaultValue = "") String cursor,
                       Model model, HttpServletResponse response) {
        Caller caller = me.caller();
        model.addAttribute("section", "impact");
        model.addAttribute("filters", new Filters(since, until));
        Checked checked = window(since, until);
        Map<String, String> errors = new LinkedHashMap<>(checked.errors());
        UUID after = null;
        if (!cursor.isBlank()) {
            try {
                after = UUID.fromString(cursor.strip());
            } catch (IllegalArgumentException e) {
                errors.put("cursor", "That page link is not valid; start from the first page.");
            }
        }
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "console/impact";
        }
        model.addAttribute("mine", impact.forOwner(caller, checked.window(), after, PAGE));
        model.addAttribute("flows", impact.flows(caller, checked.window()));
        model.addAttribute("paged", after != null);
        return "console/impact";
    }

    /** One bar group per member: the chart's labels and series. */
    public record Chart(List<String> labels, List<DashboardService.Series> series) {
    }

    /**
     * The chart's data, fetched by impact.js: matches, actions and reports on the caller's signals, per member that
     * matched them, in the same window as the page.
     */
    @GetMapping("/data")
    @ResponseBody
    public Chart data(@AuthenticationPrincipal SignedInUser me, @RequestParam(defaultValue = "") String since,
                      @RequestParam(defaultValue = "") String until, HttpServletResponse response) {
        Caller caller = me.caller();
        Checked checked = window(since, until);
        if (!checked.errors().isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return new Chart(List.of(), List.of());
        }
        List<ImpactService.Flow> out = impact.flows(caller, checked.window()).stream()
                .filter(f -> f.from().id().equals(caller.participantId())).toList();
        List<String> labels = out.stream().map(f -> f.to().slug()).toList();
        return new Chart(labels, List.of(
                new DashboardService.Series("Matches", out.stream().mapToLong(f -> f.impact().matches()).toArray()),
                new DashboardService.Series("Actions", out.stream().mapToLong(f -> f.impact().actions()).toArray()),
                new DashboardService.Series("Reports to authorities", out.stream().mapToLong(f -> f.impact().reports()).toArray())));
    }

    /** Whole UTC days: from the start of {@code since} to the end of {@code until}; by default all time until now. */
    static Checked window(String since, String until) {
        Map<String, String> errors = new LinkedHashMap<>();
        Instant from = Instant.EPOCH;
        Instant to = Db.now();
        if (!since.isBlank()) {
            try {
                from = LocalDate.parse(since.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                errors.put("since", "must be a date such as 2026-01-31");
            }
        }
        if (!until.isBlank()) {
            try {
                to = LocalDate.parse(until.strip()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                errors.put("until", "must be a date such as 2026-01-31");
            }
        }
        if (errors.isEmpty() && !from.isBefore(to)) {
            errors.put("until", "must not be before the first day");
        }
        return new Checked(new ImpactService.Window(from, to), errors);
    }
}

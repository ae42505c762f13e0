package dev.cairn.server.console;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.signal.Signal;

import java.util.Map;
import java.util.Optional;

/**
 * A section of the signal detail page contributed by a feature (matches here; feedback, disputes or a quality score
 * from the features that own that data). The page renders every bean of this type that has something to show, in
 * {@link #order()}, by including {@code template :: section(data)} with the model given. To add one: a
 * {@code @Component} implementing this, and a template with {@code th:fragment="section(data)"}.
 */
public interface SignalDetailSection {

    /** Position on the page; lower comes first. */
    int order();

    /**
     * The section for this signal as this caller may see it, or empty when there is nothing to show (then the page
     * has no trace of it). Called only after the caller was allowed to see the signal.
     */
    Optional<Fragment> render(Caller caller, Signal signal);

    /** A heading, the template holding {@code th:fragment="section(data)"}, and its data. */
    record Fragment(String id, String title, String template, Map<String, Object> data) {
    }
}

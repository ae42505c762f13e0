package dev.cairn.server.console;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.feedback.SignalAssessor;
import dev.cairn.server.signal.Signal;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/**
 * The quality score of a signal and what it is made of, in plain words, for everyone who may see the signal. The
 * figures come from {@link SignalAssessor}, the same code that scores matches.
 */
@Component
public class QualitySection implements SignalDetailSection {
    private final SignalAssessor assessor;

    public QualitySection(SignalAssessor assessor) {
        this.assessor = assessor;
    }

    /** What the template needs: the parts of the score and the dispute threshold that suspends matching. */
    public record Panel(SignalAssessor.Explanation x, int suspendThreshold) {
    }

    @Override
    public int order() {
        return 5;
    }

    @Override
    public Optional<Fragment> render(Caller caller, Signal signal) {
        return Optional.of(new Fragment("quality", "Quality score", "console/sections/quality",
                Map.of("q", panel(signal))));
    }

    Panel panel(Signal signal) {
        return new Panel(assessor.explain(signal), assessor.suspendThreshold());
    }
}

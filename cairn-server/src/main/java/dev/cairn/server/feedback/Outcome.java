package dev.cairn.server.feedback;

/** What came of a signal at the participant that reports it. */
public enum Outcome {
    /** Accounts or content were actioned; carries how many. */
    ACTIONED,
    /** The lead was right but called for no action on this platform (e.g. the account was already gone). */
    CONFIRMED_NO_ACTION,
    /** Nothing matching the signal was found on this platform. */
    NOT_FOUND,
    /** A person reviewed it and the signal is wrong. */
    FALSE_POSITIVE,
    REPORTED_TO_AUTHORITIES,
    UNDER_REVIEW;

    /** Outcomes that say the lead was right: they raise the quality score. */
    public boolean confirmation() {
        return this == ACTIONED || this == CONFIRMED_NO_ACTION || this == REPORTED_TO_AUTHORITIES;
    }

    /**
     * Outcomes that only a person may report. ACTIONED because Cairn promises that nothing acts on a signal
     * automatically; FALSE_POSITIVE because it halves the signal's score for every member, and a lead about a child
     * should be discredited only by someone who looked at it (a scanner finding nothing reports NOT_FOUND).
     */
    public boolean needsHumanReview() {
        return this == ACTIONED || this == FALSE_POSITIVE;
    }

    static Outcome parse(String name) {
        for (Outcome o : values()) {
            if (o.name().equalsIgnoreCase(name)) {
                return o;
            }
        }
        return null;
    }
}

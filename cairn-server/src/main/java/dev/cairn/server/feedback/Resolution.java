package dev.cairn.server.feedback;

/** How a signal's owner closes a dispute. */
public enum Resolution {
    /** The signal stands as shared; the note says why. */
    UPHELD,
    /** The owner corrected the signal (PATCH) after the dispute was opened. */
    AMENDED,
    /** The owner withdrew the signal; closes every open dispute of it. */
    RETRACTED;

    static Resolution parse(String name) {
        for (Resolution r : values()) {
            if (r.name().equalsIgnoreCase(name)) {
                return r;
            }
        }
        return null;
    }
}

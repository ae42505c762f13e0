package dev.cairn.server.feed;

/** What happened to a signal. Every kind but CREATED and UPDATED removes the signal from members' mirrors. */
public enum ChangeKind {
    CREATED, UPDATED, RETRACTED, EXPIRED, ERASED;

    public boolean removal() {
        return this != CREATED && this != UPDATED;
    }
}

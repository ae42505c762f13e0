package dev.cairn.server.signal;

import java.util.List;

/**
 * Published inside the transaction that changed signals; listeners that keep derived state (the in-memory match
 * indexes) react after commit, so they never expose a change that was rolled back.
 */
public record SignalChanged(List<Signal> signals) {
}

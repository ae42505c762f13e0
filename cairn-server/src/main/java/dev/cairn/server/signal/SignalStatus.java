package dev.cairn.server.signal;

public enum SignalStatus {
    ACTIVE, RETRACTED, EXPIRED
}

package dev.cairn.core.signal;

/**
 * A submitted value that is not a well-formed signal of its type. The message is the reason, written
 * for the member's engineer ("not a valid Bitcoin address: checksum mismatch"); it never echoes the value,
 * so it is safe to log and to return in a problem response.
 */
public class InvalidValueException extends RuntimeException {
    public InvalidValueException(String reason) {
        super(reason, null, false, false);
    }
}

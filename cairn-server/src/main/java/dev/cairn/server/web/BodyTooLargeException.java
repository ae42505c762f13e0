package dev.cairn.server.web;

import java.io.IOException;

/** Raised while reading a request body that grows past the configured limit. */
public class BodyTooLargeException extends IOException {
    public BodyTooLargeException(long limit) {
        super("Request body exceeds the limit of " + limit + " bytes");
    }
}

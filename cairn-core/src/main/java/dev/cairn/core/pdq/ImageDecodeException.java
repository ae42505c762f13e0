package dev.cairn.core.pdq;

import java.io.IOException;

/**
 * The input is not an image we can (or are willing to) decode: unknown format, corrupt data, or
 * dimensions over the pixel budget. The message says which, for a person, and never contains pixel data.
 */
public class ImageDecodeException extends IOException {
    public ImageDecodeException(String message) {
        super(message);
    }

    public ImageDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.cairn.core.normalize;

import dev.cairn.core.signal.InvalidValueException;
import dev.cairn.core.signal.SignalType;
import org.assertj.core.api.AbstractThrowableAssert;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shared helpers for the normaliser tests. */
final class Support {
    private Support() {
    }

    static String key(SignalType type, String value) {
        return SignalNormalizer.normalize(type, value, NormalizeOptions.DEFAULT).key();
    }

    /** Asserts rejection, and that the reason never echoes the value. */
    static AbstractThrowableAssert<?, ? extends Throwable> rejects(SignalType type, String value) {
        var a = assertThatThrownBy(() -> SignalNormalizer.normalize(type, value, NormalizeOptions.DEFAULT))
                .isInstanceOf(InvalidValueException.class);
        if (value.strip().length() >= 4) {
            a.extracting(Throwable::getMessage).asString().doesNotContain(value.strip());
        }
        return a;
    }
}

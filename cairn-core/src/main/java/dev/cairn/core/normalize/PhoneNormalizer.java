package dev.cairn.core.normalize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.cairn.core.signal.InvalidValueException;

import java.util.Locale;

/**
 * PHONE: libphonenumber, formatted E.164 ({@code +12025550143}); national formats read in the options' default region;
 * a {@code tel:} prefix and extensions are dropped (an extension does not identify a different subscriber line).
 *
 * <p>Validity: the number must be <em>possible</em> ({@code isPossibleNumberWithReason} is IS_POSSIBLE: a known country
 * code and a length that country uses). {@code isValidNumber} is deliberately not required: it rejects numbers in
 * ranges its metadata does not know yet, including newly issued blocks and fictional 555-01xx numbers, and a missed
 * match costs more here than an odd-looking key. Local-only numbers (no area code) are rejected because their E.164
 * form cannot be known.
 */
final class PhoneNormalizer implements TypeNormalizer {
    static final PhoneNormalizer INSTANCE = new PhoneNormalizer();
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNormalizer() {
    }

    @Override
    public Normalized normalize(String value, NormalizeOptions options) {
        String s = value.strip();
        if (s.regionMatches(true, 0, "tel:", 0, 4)) {
            s = s.substring(4);
        }
        String region = options.defaultRegion() == null ? "ZZ" : options.defaultRegion().toUpperCase(Locale.ROOT);
        boolean international = s.startsWith("+") || s.startsWith("00") || s.startsWith("\uFF0B");
        if (!international && !UTIL.getSupportedRegions().contains(region)) {
            throw new InvalidValueException("number has no country code and the default region is not a known region");
        }
        Phonenumber.PhoneNumber n;
        try {
            n = UTIL.parse(s, region);
        } catch (NumberParseException e) {
            throw new InvalidValueException(switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> "unknown country calling code";
                case NOT_A_NUMBER -> "not a phone number";
                case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "phone number is too short";
                case TOO_LONG -> "phone number is too long";
            });
        }
        switch (UTIL.isPossibleNumberWithReason(n)) {
            case IS_POSSIBLE -> {
            }
            case IS_POSSIBLE_LOCAL_ONLY -> throw new InvalidValueException(
                    "phone number is only dialable locally; include the area code");
            case INVALID_COUNTRY_CODE -> throw new InvalidValueException("unknown country calling code");
            case TOO_SHORT -> throw new InvalidValueException("phone number is too short for its country");
            case TOO_LONG -> throw new InvalidValueException("phone number is too long for its country");
            case INVALID_LENGTH -> throw new InvalidValueException("phone number has a length its country does not use");
        }
        n.clearExtension();
        return Normalized.of(UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164));
    }
}

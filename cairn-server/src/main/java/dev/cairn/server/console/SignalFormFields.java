package dev.cairn.server.console;

import java.util.Set;

/** The fields of the submit form, named as the API's JSON fields so that errors map onto them one to one. */
final class SignalFormFields {
    static final Set<String> NAMES = Set.of("type", "value", "categories", "confidence", "description", "platform",
            "valid_until", "visibility", "sharing_group");

    private SignalFormFields() {
    }
}

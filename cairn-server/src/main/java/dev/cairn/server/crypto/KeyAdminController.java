package dev.cairn.server.crypto;

import dev.cairn.server.auth.Caller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.GeneralSecurityException;
import java.util.Map;

/** Operator: rotate the encryption key and move existing values to it, without downtime. */
@RestController
@RequestMapping("/api/v1/admin/encryption")
public class KeyAdminController {
    private final FieldCrypto crypto;
    private final ReencryptionJob reencryption;

    public KeyAdminController(FieldCrypto crypto, ReencryptionJob reencryption) {
        this.crypto = crypto;
        this.reencryption = reencryption;
    }

    @GetMapping
    public Map<String, Object> status(@AuthenticationPrincipal Caller caller) {
        caller.requireOperator();
        return Map.of("primary_key_id", Integer.toUnsignedString(crypto.primaryKeyId()),
                "values_under_old_keys", reencryption.remaining());
    }

    @PostMapping("/rotate")
    public Map<String, Object> rotate(@AuthenticationPrincipal Caller caller) throws GeneralSecurityException {
        caller.requireOperator();
        int id = crypto.rotate();
        int moved = reencryption.run();
        return Map.of("primary_key_id", Integer.toUnsignedString(id), "reencrypted", moved,
                "values_under_old_keys", reencryption.remaining());
    }

    @PostMapping("/reencrypt")
    public Map<String, Object> reencrypt(@AuthenticationPrincipal Caller caller) {
        caller.requireOperator();
        int moved = reencryption.run();
        return Map.of("primary_key_id", Integer.toUnsignedString(crypto.primaryKeyId()), "reencrypted", moved,
                "values_under_old_keys", reencryption.remaining());
    }
}

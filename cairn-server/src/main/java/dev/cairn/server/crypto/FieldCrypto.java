package dev.cairn.server.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import dev.cairn.core.signal.SignalType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

/**
 * Encryption at rest for identifier values, so that a database dump alone reveals no identifier.
 *
 * <ul>
 *   <li>Values of {@link #PROTECTED} types are stored as Tink AEAD (AES-256-GCM) ciphertext of value and match key,
 *       bound to the signal id as associated data (a ciphertext copied onto another row does not decrypt).</li>
 *   <li>Their match keys are stored as a keyed HMAC-SHA256 ({@code k1:<hex>}), so the equality index still works
 *       in SQL but reveals nothing without the key.</li>
 *   <li>The AEAD keyset may hold several keys: the primary encrypts, all decrypt. Adding a new primary to the
 *       keyset file rotates without downtime (the file is re-read every minute); {@link ReencryptionJob} then
 *       moves old rows to the new key, after which the old key can be removed.</li>
 * </ul>
 * Keysets come from {@code CAIRN_KEYSET} / {@code CAIRN_MATCH_KEYSET} (Tink JSON) or from files under the data
 * directory, generated on first start for the embedded default. Production keeps them in a secret store.
 */
@Component
public class FieldCrypto {
    private static final Logger log = LoggerFactory.getLogger(FieldCrypto.class);
    public static final Set<SignalType> PROTECTED = EnumSet.of(SignalType.EMAIL, SignalType.USERNAME,
            SignalType.PHONE, SignalType.IP, SignalType.CRYPTO_ADDRESS);
    private static final String SEALED = "enc1:";
    private static final String KEYED = "k1:";

    private final Path aeadFile;
    private final Path macFile;
    private final String aeadInline;
    private volatile FileTime aeadLoadedAt;
    private volatile KeysetHandle aeadKeyset;
    private volatile Aead aead;
    private final Mac mac;

    /** A decrypted value with its match key. */
    public record Opened(String value, String matchKey) {
    }

    public FieldCrypto(@Value("${cairn.data-dir:./data}") String dataDir,
                       @Value("${cairn.crypto.keyset:}") String aeadInline,
                       @Value("${cairn.crypto.match-keyset:}") String macInline,
                       @Value("${cairn.crypto.keyset-file:}") String aeadFile,
                       @Value("${cairn.crypto.match-keyset-file:}") String macFile) throws GeneralSecurityException {
        AeadConfig.register();
        MacConfig.register();
        this.aeadFile = aeadFile.isBlank() ? Path.of(dataDir, "keyset.json") : Path.of(aeadFile);
        this.macFile = macFile.isBlank() ? Path.of(dataDir, "match-keyset.json") : Path.of(macFile);
        this.aeadInline = aeadInline;
        KeysetHandle macKeyset = macInline.isBlank()
                ? loadOrCreate(this.macFile, PredefinedMacParameters.HMAC_SHA256_128BITTAG_NO_PREFIX)
                : TinkJsonProtoKeysetFormat.parseKeyset(macInline, InsecureSecretKeyAccess.get());
        this.mac = macKeyset.getPrimitive(RegistryConfiguration.get(), Mac.class);
        if (aeadInline.isBlank()) {
            loadOrCreate(this.aeadFile, PredefinedAeadParameters.AES256_GCM);
        }
        reload();
    }

    public static boolean protects(SignalType type, boolean blinded) {
        // Blinded values are already keyed hashes under a key the server never holds.
        return !blinded && PROTECTED.contains(type);
    }

    /** The value as stored in the database. */
    public String seal(UUID signalId, SignalType type, boolean blinded, String value, String matchKey) {
        if (!protects(type, blinded)) {
            return value;
        }
        return resealAs(signalId, new Opened(value, matchKey));
    }

    /** Encrypts an opened value again under the current primary key. */
    String resealAs(UUID signalId, Opened opened) {
        byte[] v = opened.value().getBytes(StandardCharsets.UTF_8);
        byte[] k = opened.matchKey().getBytes(StandardCharsets.UTF_8);
        ByteBuffer plain = ByteBuffer.allocate(4 + v.length + k.length).putInt(v.length).put(v).put(k);
        try {
            return SEALED + Base64.getEncoder().encodeToString(aead.encrypt(plain.array(), ad(signalId)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** The match key as stored in the database (and hashed into feed tombstones). */
    public String storedKey(SignalType type, boolean blinded, String matchKey) {
        if (!protects(type, blinded)) {
            return matchKey;
        }
        try {
            byte[] tag = mac.computeMac((type.name() + ":" + matchKey).getBytes(StandardCharsets.UTF_8));
            return KEYED + HexFormat.of().formatHex(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("keyed hash failed", e);
        }
    }

    /** Reverses {@link #seal}; plain values (unprotected types, erased rows) pass through with their stored key. */
    public Opened open(UUID signalId, String storedValue, String storedKey) {
        if (storedValue == null || !storedValue.startsWith(SEALED)) {
            return new Opened(storedValue, storedKey);
        }
        try {
            byte[] plain = aead.decrypt(Base64.getDecoder().decode(storedValue.substring(SEALED.length())), ad(signalId));
            ByteBuffer b = ByteBuffer.wrap(plain);
            int vLen = b.getInt();
            String value = new String(plain, 4, vLen, StandardCharsets.UTF_8);
            String key = new String(plain, 4 + vLen, plain.length - 4 - vLen, StandardCharsets.UTF_8);
            return new Opened(value, key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt signal " + signalId + ": is its key still in the keyset?", e);
        }
    }

    /** Whether a stored value was encrypted under a key other than the current primary. */
    public boolean needsReencryption(String storedValue) {
        if (storedValue == null || !storedValue.startsWith(SEALED)) {
            return false;
        }
        byte[] c = Base64.getDecoder().decode(storedValue.substring(SEALED.length()));
        // Tink's output prefix: version byte 0x01, then the 4-byte id of the key that encrypted.
        int keyId = ByteBuffer.wrap(c, 1, 4).getInt();
        return keyId != aeadKeyset.getPrimary().getId();
    }

    /** Encrypts free text that may echo values (stored idempotent responses). */
    public String sealText(String context, String text) {
        try {
            return SEALED + Base64.getEncoder().encodeToString(aead.encrypt(text.getBytes(StandardCharsets.UTF_8),
                    context.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String openText(String context, String stored) {
        if (stored == null || !stored.startsWith(SEALED)) {
            return stored;
        }
        try {
            return new String(aead.decrypt(Base64.getDecoder().decode(stored.substring(SEALED.length())),
                    context.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt stored text", e);
        }
    }

    /** Picks up a rotated keyset file; also used by tests to rotate in place. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public synchronized void reload() throws GeneralSecurityException {
        try {
            KeysetHandle handle;
            if (!aeadInline.isBlank()) {
                if (aeadKeyset != null) {
                    return;
                }
                handle = TinkJsonProtoKeysetFormat.parseKeyset(aeadInline, InsecureSecretKeyAccess.get());
            } else {
                FileTime modified = Files.getLastModifiedTime(aeadFile);
                if (modified.equals(aeadLoadedAt)) {
                    return;
                }
                handle = TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(aeadFile), InsecureSecretKeyAccess.get());
                aeadLoadedAt = modified;
            }
            aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
            if (aeadKeyset != null) {
                log.info("Reloaded the encryption keyset: {} key(s), primary {}", handle.size(), handle.getPrimary().getId());
            }
            aeadKeyset = handle;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keyset " + aeadFile, e);
        }
    }

    /** Adds a freshly generated key as the new primary of the keyset file, keeping the old keys for decryption. */
    public synchronized int rotate() throws GeneralSecurityException {
        if (!aeadInline.isBlank()) {
            throw new IllegalStateException("the keyset comes from CAIRN_KEYSET: rotate it in your secret store");
        }
        KeysetHandle rotated = KeysetHandle.newBuilder(aeadKeyset)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId())
                .build();
        int newId = rotated.getAt(rotated.size() - 1).getId();
        rotated = rebuildWithPrimary(rotated, newId);
        write(aeadFile, rotated);
        aeadLoadedAt = null;
        reload();
        return newId;
    }

    private static KeysetHandle rebuildWithPrimary(KeysetHandle handle, int primaryId) throws GeneralSecurityException {
        KeysetHandle.Builder b = KeysetHandle.newBuilder(handle);
        for (int i = 0; i < b.size(); i++) {
            if (handle.getAt(i).getId() == primaryId) {
                b.getAt(i).makePrimary();
            }
        }
        return b.build();
    }

    public int primaryKeyId() {
        return aeadKeyset.getPrimary().getId();
    }

    private static byte[] ad(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    private static KeysetHandle loadOrCreate(Path file, com.google.crypto.tink.Parameters parameters)
            throws GeneralSecurityException {
        try {
            if (Files.exists(file)) {
                return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
            }
            KeysetHandle handle = KeysetHandle.generateNew(parameters);
            write(file, handle);
            log.warn("Generated a new keyset at {}; in production supply keysets from a secret store "
                    + "(CAIRN_KEYSET, CAIRN_MATCH_KEYSET) and back them up: without them the data cannot be read", file);
            return handle;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create keyset " + file, e);
        }
    }

    private static void write(Path file, KeysetHandle handle) throws GeneralSecurityException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()));
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // non-POSIX file system
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write keyset " + file, e);
        }
    }
}

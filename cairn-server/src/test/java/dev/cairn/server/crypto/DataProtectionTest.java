package dev.cairn.server.crypto;

import dev.cairn.server.retention.RetentionJob;
import dev.cairn.server.support.ApiTestBase;
import dev.cairn.server.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Encryption at rest, key rotation and erasure, checked against what the database actually holds. */
class DataProtectionTest extends ApiTestBase {
    @Autowired
    FieldCrypto crypto;
    @Autowired
    ReencryptionJob reencryption;
    @Autowired
    RetentionJob retention;

    /** Every value of every row of every table of the application schema, as text. */
    private String dumpDatabase() {
        String schema = TestDatabase.postgres() ? "cairn_it" : "public";
        List<String> tables = jdbc.sql("SELECT table_name FROM information_schema.tables WHERE LOWER(table_schema) = ? AND table_type IN ('BASE TABLE', 'TABLE')")
                .param(schema).query(String.class).list();
        assertThat(tables).contains("signal");
        StringBuilder dump = new StringBuilder();
        for (String table : tables) {
            jdbc.sql("SELECT * FROM " + table).query(rs -> {
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    dump.append(rs.getString(c)).append('|');
                }
                dump.append('\n');
            });
        }
        return dump.toString().toLowerCase(Locale.ROOT);
    }

    @Test
    void noRawIdentifierIsLeftInAnyDatabaseRowAfterAWrite() {
        var owner = newMember("northwind");
        var other = newMember("fabrikam");
        List<String> secrets = List.of("dump.check.person@example.com", "dumpcheckperson@example.com",
                "dump_check_user_77", "dumpcheckuser77", "+12025550177", "2025550177", "192.0.2.177",
                "0x8ba1f109551bd432803012645ac136ddd64dba72");
        owner.api().header("Idempotency-Key", "dump-check-1").post("/api/v1/signals/batch", "["
                + signalJson("EMAIL", "Dump.Check.Person@Example.com", "SEXTORTION", 70) + ","
                + "{\"type\": \"USERNAME\", \"value\": \"Dump_Check_User_77\", \"categories\": [\"GROOMING\"], \"confidence\": 60},"
                + signalJson("PHONE", "+1 202 555 0177", "SEXTORTION", 60) + ","
                + signalJson("IP", "192.0.2.177", "SEXTORTION", 60) + ","
                + signalJson("CRYPTO_ADDRESS", "0x8ba1f109551bd432803012645ac136ddd64dba72", "SEXTORTION", 60) + "]");
        other.api().post("/api/v1/match", "{\"items\": [{\"type\": \"EMAIL\", \"value\": \"dump.check.person@example.com\"}]}");
        String dump = dumpDatabase();
        for (String secret : secrets) {
            assertThat(dump).as("database holds " + secret).doesNotContain(secret.toLowerCase(Locale.ROOT));
        }
        // ...while the API still serves them to members and matching still finds them.
        var listed = owner.api().get("/api/v1/signals?owner=me");
        assertThat(listed.text()).contains("Dump.Check.Person@Example.com", "192.0.2.177");
        var match = other.api().post("/api/v1/match", "{\"items\": [{\"type\": \"USERNAME\", \"value\": \"dump.check.user.77\"}]}");
        assertThat(match.json().get("matched_items").asInt()).isEqualTo(1);
    }

    @Test
    void rotatingTheKeyKeepsOldValuesReadableAndTheJobMovesThemToTheNewKey() throws Exception {
        var owner = newMember("northwind");
        String before = owner.api().post("/api/v1/signals", signalJson("EMAIL", "rotation.before@example.com", "SEXTORTION", 70)).field("/id");
        int oldKey = crypto.primaryKeyId();
        int newKey = crypto.rotate();
        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(owner.api().get("/api/v1/signals/" + before).field("/value")).isEqualTo("rotation.before@example.com");
        String after = owner.api().post("/api/v1/signals", signalJson("EMAIL", "rotation.after@example.com", "SEXTORTION", 70)).field("/id");
        String stored = jdbc.sql("SELECT submitted_value FROM signal WHERE id = ?").param(UUID.fromString(after)).query(String.class).single();
        assertThat(crypto.needsReencryption(stored)).isFalse();
        assertThat(reencryption.remaining()).isPositive();

        var status = operator().post("/api/v1/admin/encryption/reencrypt", "");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().get("values_under_old_keys").asInt()).isZero();
        assertThat(owner.api().get("/api/v1/signals/" + before).field("/value")).isEqualTo("rotation.before@example.com");
        assertThat(owner.api().post("/api/v1/admin/encryption/rotate", "").status()).isEqualTo(403);
    }

    @Test
    void erasureRemovesValueAndKeyAfterTheGracePeriodAndTellsMirrors() {
        var owner = newMember("northwind");
        var other = newMember("fabrikam");
        String id = owner.api().post("/api/v1/signals", signalJson("DOMAIN", "erase-me.example.org", "GROOMING", 50)).field("/id");
        owner.api().post("/api/v1/signals/" + id + "/retract", "{\"reason\": \"mistaken\"}");
        retention.run();
        assertThat(owner.api().get("/api/v1/signals/" + id).field("/value")).as("still in its grace period").isEqualTo("erase-me.example.org");

        jdbc.sql("UPDATE signal SET updated_at = updated_at - INTERVAL '31' DAY WHERE id = ?").param(UUID.fromString(id)).update();
        assertThat(retention.run()).isGreaterThanOrEqualTo(1);

        var erased = owner.api().get("/api/v1/signals/" + id);
        assertThat(erased.json().get("erased").asBoolean()).isTrue();
        assertThat(erased.json().get("value").isNull()).isTrue();
        assertThat(erased.json().get("categories").toString()).contains("GROOMING");
        String row = jdbc.sql("SELECT submitted_value || '|' || match_key FROM signal WHERE id = ?").param(UUID.fromString(id)).query(String.class).single();
        assertThat(row).isEqualTo("|");
        List<String> kinds = new ArrayList<>();
        var stream = other.api().header("Accept", "application/x-ndjson").get("/api/v1/feed?types=DOMAIN");
        for (String line : stream.text().split("\n")) {
            if (line.contains("\"signal_id\":\"" + id + "\"")) {
                kinds.add(line.replaceAll(".*\"event\":\"([a-z]+)\".*", "$1"));
            }
        }
        assertThat(kinds).contains("retracted", "erased");
        assertThat(dumpDatabase()).doesNotContain("erase-me.example.org");
    }
}

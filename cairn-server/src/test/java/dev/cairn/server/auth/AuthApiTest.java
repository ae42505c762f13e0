package dev.cairn.server.auth;

import dev.cairn.server.support.ApiClient;
import dev.cairn.server.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

class AuthApiTest extends ApiTestBase {

    @Test
    void missingMalformedAndUnknownKeysAre401Problems() {
        var none = anonymous().get("/api/v1/taxonomy");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(new ApiClient(port, "not-a-key").get("/api/v1/taxonomy").field("/detail")).isEqualTo("Malformed API key");
        var unknown = new ApiClient(port, "cairn_aaaaaaaaaaaa_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB").get("/api/v1/taxonomy");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.field("/detail")).isEqualTo("Unknown API key");
        var basic = anonymous().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/taxonomy");
        assertThat(basic.status()).isEqualTo(401);
    }

    @Test
    void aKeyIsShownOnceListedByPrefixAndRevocable() {
        var member = newMember("northwind");
        var created = member.api().post("/api/v1/participants/me/keys", "{\"name\": \"matcher\", \"scopes\": [\"read\"]}");
        assertThat(created.status()).isEqualTo(201);
        String secret = created.field("/key");
        String keyId = created.field("/id");
        assertThat(secret).startsWith("cairn_" + created.field("/prefix") + "_");
        assertThat(created.json().get("scopes").toString()).isEqualTo("[\"read\"]");

        var listed = member.api().get("/api/v1/participants/me/keys");
        assertThat(listed.text()).contains(created.field("/prefix")).doesNotContain(secret);
        String stored = jdbc.sql("SELECT key_hash FROM api_key WHERE id = ?").param(java.util.UUID.fromString(keyId))
                .query(String.class).single();
        assertThat(stored).isNotEqualTo(secret).hasSize(64);

        ApiClient readOnly = new ApiClient(port, secret);
        assertThat(readOnly.get("/api/v1/taxonomy").status()).isEqualTo(200);
        var write = readOnly.post("/api/v1/signals", signalJson("DOMAIN", "scope.example.org", "GROOMING", 10));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.field("/detail")).contains("'write' scope");

        var revoked = member.api().delete("/api/v1/participants/me/keys/" + keyId);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.field("/revoked_at")).isNotNull();
        var after = readOnly.get("/api/v1/taxonomy");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.field("/detail")).contains("revoked");
    }

    @Test
    void keyManagementNeedsAdminScopeAndStaysWithinTheParticipant() {
        var member = newMember("northwind");
        var other = newMember("fabrikam");
        ApiClient writer = keyFor(member, EnumSet.of(Scope.WRITE));
        assertThat(writer.get("/api/v1/participants/me/keys").status()).isEqualTo(403);
        String otherKeyId = other.api().get("/api/v1/participants/me/keys").json().at("/keys/0/id").asString();
        assertThat(member.api().delete("/api/v1/participants/me/keys/" + otherKeyId).status()).isEqualTo(404);
        assertThat(other.api().get("/api/v1/taxonomy").status()).isEqualTo(200);
        var badScopes = member.api().post("/api/v1/participants/me/keys", "{\"name\": \"x\", \"scopes\": [\"root\"]}");
        assertThat(badScopes.status()).isEqualTo(422);
        assertThat(badScopes.text()).contains("scopes[0]");
    }

    @Test
    void suspendingAParticipantDisablesItsKeysAtOnce() {
        var member = newMember("contoso");
        assertThat(member.api().get("/api/v1/taxonomy").status()).isEqualTo(200);
        var suspended = operator().post("/api/v1/participants/" + member.id() + "/suspend", "");
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.field("/status")).isEqualTo("SUSPENDED");
        var refused = member.api().get("/api/v1/taxonomy");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.field("/detail")).contains("suspended");
        operator().post("/api/v1/participants/" + member.id() + "/reactivate", "");
        assertThat(member.api().get("/api/v1/taxonomy").status()).isEqualTo(200);
    }

    @Test
    void onlyTheOperatorManagesParticipants() {
        var member = newMember("northwind");
        var denied = member.api().post("/api/v1/participants", "{\"slug\": \"rogue\", \"name\": \"Rogue\"}");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(member.api().post("/api/v1/participants/" + member.id() + "/suspend", "").status()).isEqualTo(403);

        String slug = "newmember-" + System.nanoTime();
        var created = operator().post("/api/v1/participants",
                "{\"slug\": \"" + slug + "\", \"name\": \"New Member\", \"contact\": \"tns@newmember.example\"}");
        assertThat(created.status()).isEqualTo(201);
        String key = created.field("/admin_key/key");
        assertThat(new ApiClient(port, key).get("/api/v1/participants/me").field("/slug")).isEqualTo(slug);
        var duplicate = operator().post("/api/v1/participants", "{\"slug\": \"" + slug + "\", \"name\": \"Again\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        var invalid = operator().post("/api/v1/participants", "{\"slug\": \"Bad Slug!\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.text()).contains("\"field\":\"slug\"", "\"field\":\"name\"");
        var list = member.api().get("/api/v1/participants");
        assertThat(list.text()).contains(slug).doesNotContain("tns@newmember.example");
    }

    @Test
    void publicEndpointsNeedNoKeyAndUnknownPathsAreProblems() {
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
        var docs = anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.text()).contains("/api/v1/signals", "/api/v1/match");
        var member = newMember("northwind");
        var missing = member.api().get("/api/v1/no-such-thing");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        var method = member.api().delete("/api/v1/taxonomy");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.contentType()).startsWith("application/problem+json");
    }
}

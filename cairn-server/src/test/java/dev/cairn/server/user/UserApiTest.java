package dev.cairn.server.user;

import dev.cairn.server.auth.Scope;
import dev.cairn.server.support.ApiClient;
import dev.cairn.server.support.ApiTestBase;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class UserApiTest extends ApiTestBase {

    @Test
    void aParticipantAdminCreatesListsAndManagesItsUsers() {
        Member m = newMember("northwind");
        String username = m.slug() + "-jo";
        var created = m.api().post("/api/v1/participants/me/users",
                "{\"username\": \"" + username.toUpperCase() + "\", \"display_name\": \"Jo Analyst\", \"role\": \"analyst\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.field("/username")).isEqualTo(username);
        assertThat(created.field("/role")).isEqualTo("ANALYST");
        assertThat(created.field("/totp_enabled")).isEqualTo("false");
        String initial = created.field("/initial_password");
        assertThat(initial).matches("[a-z2-9]{5}(-[a-z2-9]{5}){3}");
        String id = created.field("/id");
        String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE id = ?").param(UUID.fromString(id))
                .query(String.class).single();
        assertThat(hash).startsWith("$2a$12$").doesNotContain(initial);

        var listed = m.api().get("/api/v1/participants/me/users");
        assertThat(listed.text()).contains(username).doesNotContain(initial).doesNotContain("password_hash");
        assertThat(m.api().get("/api/v1/participants/me/users/" + id).field("/display_name")).isEqualTo("Jo Analyst");

        var promoted = m.api().patch("/api/v1/participants/me/users/" + id, "{\"role\": \"VIEWER\"}");
        assertThat(promoted.field("/role")).isEqualTo("VIEWER");
        assertThat(m.api().post("/api/v1/participants/me/users/" + id + "/suspend", "").field("/status")).isEqualTo("SUSPENDED");
        assertThat(m.api().post("/api/v1/participants/me/users/" + id + "/reactivate", "").field("/status")).isEqualTo("ACTIVE");
        assertThat(m.api().post("/api/v1/participants/me/users/" + id + "/reset-totp", "").field("/totp_enabled")).isEqualTo("false");
        var reset = m.api().post("/api/v1/participants/me/users/" + id + "/reset-password", "");
        assertThat(reset.field("/initial_password")).isNotEqualTo(initial);
    }

    @Test
    void passwordsFollowThePolicyAndUsernamesAreUnique() {
        Member m = newMember("fabrikam");
        var weak = m.api().post("/api/v1/participants/me/users",
                "{\"username\": \"" + m.slug() + "-weak\", \"role\": \"VIEWER\", \"password\": \"password1234\"}");
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.text()).contains("\"field\":\"password\"").contains("common");
        var shortOne = m.api().post("/api/v1/participants/me/users",
                "{\"username\": \"" + m.slug() + "-short\", \"role\": \"VIEWER\", \"password\": \"tiny\"}");
        assertThat(shortOne.text()).contains("at least 12");
        var bad = m.api().post("/api/v1/participants/me/users", "{\"username\": \"x\", \"role\": \"ROOT\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.text()).contains("\"field\":\"role\"");
        String body = "{\"username\": \"" + m.slug() + "-dup\", \"role\": \"VIEWER\", \"password\": \"quiet harbour lantern\"}";
        assertThat(m.api().post("/api/v1/participants/me/users", body).status()).isEqualTo(201);
        var dup = m.api().post("/api/v1/participants/me/users", body);
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.field("/type")).isEqualTo("urn:cairn:problem:username-taken");
    }

    @Test
    void onlyAdminKeysManageUsersAndOnlyWithinTheirParticipant() {
        Member m = newMember("contoso");
        Member other = newMember("northwind");
        ApiClient writer = keyFor(m, EnumSet.of(Scope.WRITE));
        assertThat(writer.get("/api/v1/participants/me/users").status()).isEqualTo(403);
        assertThat(writer.post("/api/v1/participants/me/users", "{\"username\": \"" + m.slug() + "-w\", \"role\": \"VIEWER\"}")
                .status()).isEqualTo(403);
        String otherId = other.api().post("/api/v1/participants/me/users",
                "{\"username\": \"" + other.slug() + "-x\", \"role\": \"VIEWER\"}").field("/id");
        assertThat(m.api().get("/api/v1/participants/me/users/" + otherId).status()).isEqualTo(404);
        assertThat(m.api().post("/api/v1/participants/me/users/" + otherId + "/suspend", "").status()).isEqualTo(404);
        assertThat(m.api().get("/api/v1/participants/me/users").text()).doesNotContain(other.slug() + "-x");
    }

    @Test
    void onlyTheOperatorCreatesOperatorAdmins() {
        Member m = newMember("fabrikam");
        var refused = m.api().post("/api/v1/participants/me/users",
                "{\"username\": \"" + m.slug() + "-op\", \"role\": \"OPERATOR_ADMIN\"}");
        assertThat(refused.status()).isEqualTo(403);
        var made = operator().post("/api/v1/participants/me/users",
                "{\"username\": \"op-" + m.slug() + "\", \"role\": \"OPERATOR_ADMIN\"}");
        assertThat(made.status()).isEqualTo(201);
        String id = made.field("/id");
        var op = participants.findOperator().orElseThrow();
        assertThat(jdbc.sql("SELECT participant_id FROM app_user WHERE id = ?").param(UUID.fromString(id))
                .query(UUID.class).single()).isEqualTo(op.id());
        // a member cannot promote its own users to operator admin either
        String own = m.api().post("/api/v1/participants/me/users",
                "{\"username\": \"" + m.slug() + "-p\", \"role\": \"VIEWER\"}").field("/id");
        assertThat(m.api().patch("/api/v1/participants/me/users/" + own, "{\"role\": \"OPERATOR_ADMIN\"}").status())
                .isEqualTo(403);
    }

    @Test
    void rolesMapOntoApiScopes() {
        assertThat(Role.VIEWER.scopes()).containsExactly(Scope.READ);
        assertThat(Role.ANALYST.scopes()).containsExactlyInAnyOrder(Scope.READ, Scope.WRITE);
        assertThat(Role.PARTICIPANT_ADMIN.scopes()).containsExactlyInAnyOrder(Scope.values());
        assertThat(Role.OPERATOR_ADMIN.totpRequired()).isTrue();
        assertThat(Role.ANALYST.totpRequired()).isFalse();
        var p = UUID.randomUUID();
        var admin = new SignedInUser(UUID.randomUUID(), "a", "A", Role.PARTICIPANT_ADMIN, p, "operator", "Op", true, true);
        assertThat(admin.caller().operator()).as("a participant admin of the operator is not the operator").isFalse();
        var opAdmin = new SignedInUser(UUID.randomUUID(), "a", "A", Role.OPERATOR_ADMIN, p, "operator", "Op", true, true);
        assertThat(opAdmin.caller().operator()).isTrue();
        assertThat(opAdmin.caller().keyId()).isNull();
    }
}

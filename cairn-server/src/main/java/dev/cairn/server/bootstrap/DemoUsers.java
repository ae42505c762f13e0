package dev.cairn.server.bootstrap;

import dev.cairn.server.participant.Participant;
import dev.cairn.server.participant.ParticipantService;
import dev.cairn.server.user.Role;
import dev.cairn.server.user.Totp;
import dev.cairn.server.user.UserService;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Demo console users: for each demo participant an admin, an analyst and a viewer, and an operator admin. They share
 * one password and one TOTP secret, both new at every start and printed once, like the demo API keys.
 */
@Component
class DemoUsers {
    private final ParticipantService participants;
    private final UserService users;

    DemoUsers(ParticipantService participants, UserService users) {
        this.participants = participants;
        this.users = users;
    }

    /** The users and their shared credentials, as printed. */
    record Issued(List<String> usernames, String password, String totpSecret) {
    }

    Issued provision(List<Participant> demo) {
        String password = UserService.generatePassword();
        String secret = Totp.newSecret();
        List<String> names = new ArrayList<>();
        participants.findOperator().ifPresent(op -> {
            users.provision(op.id(), "operator-admin", "Operator admin", Role.OPERATOR_ADMIN, password, secret);
            names.add("operator-admin");
        });
        for (Participant p : demo) {
            for (Role role : List.of(Role.PARTICIPANT_ADMIN, Role.ANALYST, Role.VIEWER)) {
                String suffix = role == Role.PARTICIPANT_ADMIN ? "admin" : role.name().toLowerCase(java.util.Locale.ROOT);
                String username = p.slug() + "-" + suffix;
                users.provision(p.id(), username, p.name() + " " + suffix, role, password, secret);
                names.add(username);
            }
        }
        return new Issued(names, password, secret);
    }

    static List<String> banner(Issued issued, int port) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Console: http://localhost:" + port + "/console  (new password and TOTP secret at every start)");
        lines.add("Users:   " + String.join("  ", issued.usernames()));
        lines.add("Password (every demo user):    " + issued.password());
        lines.add("TOTP secret (every demo user): " + Totp.grouped(issued.totpSecret()));
        lines.add("Authenticator setup link:      " + Totp.uri("Cairn demo", "demo users", issued.totpSecret()));
        return lines;
    }
}

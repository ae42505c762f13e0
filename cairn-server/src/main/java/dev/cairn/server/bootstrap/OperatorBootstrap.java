package dev.cairn.server.bootstrap;

import dev.cairn.server.CairnProperties;
import dev.cairn.server.auth.ApiKeyService;
import dev.cairn.server.auth.ApiKeyTokens;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.participant.ParticipantService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.EnumSet;

/**
 * On first start creates the operator participant and its first admin key: taken from {@code CAIRN_OPERATOR_KEY} if
 * set (so automated deployments know it in advance), otherwise generated and printed once.
 */
@Component
@Order(1)
public class OperatorBootstrap implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(OperatorBootstrap.class);

    private final ParticipantService participants;
    private final ApiKeyService keys;
    private final JdbcClient jdbc;
    private final CairnProperties properties;

    public OperatorBootstrap(ParticipantService participants, ApiKeyService keys, JdbcClient jdbc, CairnProperties properties) {
        this.participants = participants;
        this.keys = keys;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        String configured = properties.operatorKey();
        if (configured != null && !configured.isBlank() && ApiKeyTokens.prefixOf(configured.strip()) == null) {
            throw new IllegalStateException("CAIRN_OPERATOR_KEY is not a Cairn API key (cairn_<12 chars>_<43 chars>)");
        }
        var operator = participants.findOperator();
        if (operator.isEmpty()) {
            var created = participants.create("operator", "Exchange operator", null, true);
            keys.revoke(created.participant().id(), created.adminKey().key().id());
            if (configured != null && !configured.isBlank()) {
                String token = configured.strip();
                keys.issue(created.participant().id(), "operator key from environment", EnumSet.of(Scope.ADMIN),
                        new ApiKeyTokens.Token(ApiKeyTokens.prefixOf(token), token));
                log.info("Created the operator participant; its admin key is the one in CAIRN_OPERATOR_KEY");
            } else {
                var issued = keys.issue(created.participant().id(), "operator first admin key", EnumSet.of(Scope.ADMIN));
                Banner.print("Operator admin API key (shown once; store it now)",
                        java.util.List.of("operator  " + issued.secret()));
            }
        } else if (configured != null && !configured.isBlank()) {
            String token = configured.strip();
            boolean known = jdbc.sql("SELECT COUNT(*) FROM api_key WHERE prefix = ?")
                    .param(ApiKeyTokens.prefixOf(token)).query(Integer.class).single() > 0;
            if (!known) {
                keys.issue(operator.get().id(), "operator key from environment", EnumSet.of(Scope.ADMIN),
                        new ApiKeyTokens.Token(ApiKeyTokens.prefixOf(token), token));
                log.info("Registered the operator admin key from CAIRN_OPERATOR_KEY");
            }
        }
    }
}

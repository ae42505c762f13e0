-- Append-only audit log with a hash chain (see docs/audit.md). The head row is locked by each append, so entries
-- are numbered and chained in commit order. Holds ids and counts, never identifier values.
CREATE TABLE audit_head (
    id         INTEGER     PRIMARY KEY,
    last_seq   BIGINT      NOT NULL,
    last_hash  VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_log (
    seq             BIGINT        PRIMARY KEY,
    at              VARCHAR(40)   NOT NULL,
    at_ts           TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_type      VARCHAR(16)   NOT NULL,
    actor_id        VARCHAR(64)   NOT NULL,
    participant_id  VARCHAR(64)   NOT NULL,
    action          VARCHAR(200)  NOT NULL,
    target_type     VARCHAR(32)   NOT NULL,
    target_id       VARCHAR(64)   NOT NULL,
    outcome         VARCHAR(16)   NOT NULL,
    request_id      VARCHAR(64)   NOT NULL,
    detail          VARCHAR(500)  NOT NULL,
    prev_hash       VARCHAR(64)   NOT NULL,
    hash            VARCHAR(64)   NOT NULL
);
CREATE INDEX audit_log_participant ON audit_log (participant_id, seq);
CREATE INDEX audit_log_at ON audit_log (at_ts);

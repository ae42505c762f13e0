-- The change feed. Sequence numbers come from a single counter row that a writing transaction locks as its last step
-- and holds until commit, so sequence order is commit order: a reader following seq never skips an event that
-- commits late. (A database sequence would not give this: a value taken early can commit after a larger one.)
CREATE TABLE feed_counter (
    id        INTEGER PRIMARY KEY,
    last_seq  BIGINT  NOT NULL
);
INSERT INTO feed_counter (id, last_seq) VALUES (1, 0);

-- One row per change of a signal. Holds no identifier value: upserts are rendered from the signal's current state,
-- removals as tombstones (id, type and the SHA-256 of the match key).
CREATE TABLE signal_event (
    seq               BIGINT       PRIMARY KEY,
    signal_id         UUID         NOT NULL,
    owner_id          UUID         NOT NULL,
    signal_type       VARCHAR(16)  NOT NULL,
    kind              VARCHAR(16)  NOT NULL,
    match_key_sha256  VARCHAR(64)  NOT NULL,
    categories        VARCHAR(1000) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX signal_event_signal ON signal_event (signal_id);

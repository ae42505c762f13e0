-- Webhooks. The change feed is the outbox: each endpoint keeps a cursor into signal_event, and the dispatcher turns
-- every new matching event into one webhook_delivery row (in the same transaction that advances the cursor), so a
-- delivery is queued durably before it is first attempted and survives a restart.
CREATE TABLE webhook_endpoint (
    id              UUID          PRIMARY KEY,
    participant_id  UUID          NOT NULL REFERENCES participant (id),
    url             VARCHAR(2048) NOT NULL,
    -- Stored as given: signing needs the secret itself, not a hash of it.
    secret          VARCHAR(256)  NOT NULL,
    -- Filters as ",A,B," (empty: everything), like signal_event.categories.
    types           VARCHAR(400)  NOT NULL,
    categories      VARCHAR(2000) NOT NULL,
    events          VARCHAR(200)  NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    -- The last feed sequence number already turned into deliveries (or skipped as not matching).
    cursor_seq      BIGINT        NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX webhook_endpoint_participant ON webhook_endpoint (participant_id);

-- One event to one endpoint. A claimed delivery stays PENDING with next_attempt_at pushed to the end of its lease and
-- claim_token set: if the claiming instance dies, the row falls due again when the lease ends and is retried.
CREATE TABLE webhook_delivery (
    id              UUID          PRIMARY KEY,
    endpoint_id     UUID          NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    seq             BIGINT        NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    give_up_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    claim_token     UUID,
    last_attempt_at TIMESTAMP WITH TIME ZONE,
    last_status     INTEGER,
    last_error      VARCHAR(500),
    delivered_at    TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT webhook_delivery_once UNIQUE (endpoint_id, seq)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (state, next_attempt_at);

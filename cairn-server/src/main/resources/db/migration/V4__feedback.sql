-- Feedback loop: what came of a signal at each participant, disputes of wrong signals, and the per-signal summary the
-- quality score is computed from. Portable between H2 and PostgreSQL. Writers of one signal's feedback and disputes
-- serialise on that signal's row lock (SELECT ... FOR UPDATE), which keeps the summary consistent with the rows.

-- One current outcome per participant and signal; a new report replaces it and the old one stays in the history.
CREATE TABLE signal_feedback (
    signal_id          UUID          NOT NULL REFERENCES signal (id),
    participant_id     UUID          NOT NULL REFERENCES participant (id),
    outcome            VARCHAR(32)   NOT NULL,
    accounts_actioned  INTEGER,
    content_removed    INTEGER,
    report_reference   VARCHAR(100),
    human_reviewed     BOOLEAN       NOT NULL,
    note               VARCHAR(1000),
    revision           INTEGER       NOT NULL,
    first_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (signal_id, participant_id)
);
CREATE INDEX signal_feedback_participant ON signal_feedback (participant_id, recorded_at);
CREATE INDEX signal_feedback_recorded ON signal_feedback (recorded_at);

-- Every report ever made, current ones included (revision 1, 2, ... per participant and signal).
CREATE TABLE signal_feedback_history (
    signal_id          UUID          NOT NULL REFERENCES signal (id),
    participant_id     UUID          NOT NULL REFERENCES participant (id),
    revision           INTEGER       NOT NULL,
    outcome            VARCHAR(32)   NOT NULL,
    accounts_actioned  INTEGER,
    content_removed    INTEGER,
    report_reference   VARCHAR(100),
    human_reviewed     BOOLEAN       NOT NULL,
    note               VARCHAR(1000),
    recorded_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (signal_id, participant_id, revision)
);

-- open_by holds the disputant while the dispute is open and NULL once resolved: the unique key then allows one open
-- dispute per participant and signal (NULLs never collide) without a partial index, which H2 lacks.
CREATE TABLE signal_dispute (
    id                 UUID          PRIMARY KEY,
    signal_id          UUID          NOT NULL REFERENCES signal (id),
    participant_id     UUID          NOT NULL REFERENCES participant (id),
    open_by            UUID,
    reason             VARCHAR(1000) NOT NULL,
    signal_version     BIGINT        NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    resolution         VARCHAR(16),
    resolution_note    VARCHAR(1000),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at        TIMESTAMP WITH TIME ZONE,
    CONSTRAINT signal_dispute_one_open UNIQUE (signal_id, open_by)
);
CREATE INDEX signal_dispute_participant ON signal_dispute (participant_id);

-- Distinct participants per outcome class and open disputes, per signal; revision orders updates so the in-memory
-- copy the match path reads never goes back to an older state.
CREATE TABLE feedback_summary (
    signal_id          UUID          PRIMARY KEY REFERENCES signal (id),
    revision           BIGINT        NOT NULL,
    confirmations      INTEGER       NOT NULL,
    false_positives    INTEGER       NOT NULL,
    not_found          INTEGER       NOT NULL,
    under_review       INTEGER       NOT NULL,
    open_disputes      INTEGER       NOT NULL
);

-- Feed events meant for one participant only (a dispute is news for the owner, its resolution for the disputant).
-- NULL keeps the existing meaning: everyone who follows the feed.
ALTER TABLE signal_event ADD COLUMN audience UUID;
ALTER TABLE signal_event ADD COLUMN ref_id UUID;
CREATE INDEX match_event_matcher ON match_event (matcher_id, matched_at);

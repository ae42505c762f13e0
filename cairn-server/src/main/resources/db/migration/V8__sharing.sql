-- Distribution: a signal is visible to every participant (ALL), to the members of one sharing group (GROUP), or only
-- to its owner (PRIVATE: a private list that still matches for the owner).
CREATE TABLE sharing_group (
    id          UUID          PRIMARY KEY,
    name        VARCHAR(200)  NOT NULL UNIQUE,
    description VARCHAR(1000),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE sharing_group_member (
    group_id        UUID NOT NULL REFERENCES sharing_group (id),
    participant_id  UUID NOT NULL REFERENCES participant (id),
    PRIMARY KEY (group_id, participant_id)
);

ALTER TABLE signal ADD COLUMN visibility VARCHAR(16) DEFAULT 'ALL' NOT NULL;
ALTER TABLE signal ADD COLUMN sharing_group_id UUID;
ALTER TABLE signal_event ADD COLUMN visibility VARCHAR(16) DEFAULT 'ALL' NOT NULL;
ALTER TABLE signal_event ADD COLUMN sharing_group_id UUID;

-- Erasure: after the grace period, expired and retracted signals lose their value and match key (see RetentionJob).
ALTER TABLE signal ADD COLUMN erased_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX signal_erasure ON signal (status, erased_at, updated_at);

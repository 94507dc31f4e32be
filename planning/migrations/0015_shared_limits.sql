-- Limits that several app processes share (planning/limits.py): failures and successes per
-- limit and key, and the next turn handed out under a paced key. Times are wall-clock seconds.
CREATE TABLE limit_event (
    limit_name VARCHAR NOT NULL,
    key        VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL CHECK (kind IN ('failure', 'success')),
    happened_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX limit_event_key ON limit_event (limit_name, key, happened_at);
CREATE TABLE limit_turn (
    limit_name VARCHAR NOT NULL,
    key        VARCHAR NOT NULL,
    next_at    DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (limit_name, key)
);

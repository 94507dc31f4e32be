-- Six-month checkpoints, committee review of frozen versions, and the audit trail.
-- Checkpoint records are append-only: the newest row per (checkpoint, indicator or project)
-- counts and the older ones are the history (who, when, old and new value).

CREATE TABLE checkpoint_actual (
    workshop_id    VARCHAR NOT NULL,
    months         INTEGER NOT NULL,     -- the checkpoint: months after the workshop's start
    indicator_code VARCHAR NOT NULL,
    value          DOUBLE NOT NULL,
    measured_on    DATE,
    source         VARCHAR NOT NULL,
    note           VARCHAR NOT NULL,
    recorded_by    VARCHAR NOT NULL,
    created_at     TIMESTAMP NOT NULL
);

CREATE TABLE checkpoint_project (
    workshop_id  VARCHAR NOT NULL,
    months       INTEGER NOT NULL,
    project_id   VARCHAR NOT NULL,
    state        VARCHAR NOT NULL CHECK (state IN ('not_started', 'in_progress', 'delayed', 'done', 'cancelled')),
    percent      DOUBLE NOT NULL CHECK (percent BETWEEN 0 AND 100),
    spent_sources VARCHAR[] NOT NULL,
    spent_amounts DECIMAL(18, 2)[] NOT NULL,
    note         VARCHAR NOT NULL,
    recorded_by  VARCHAR NOT NULL,
    created_at   TIMESTAMP NOT NULL
);

CREATE TABLE checkpoint_review (           -- After Action Review per checkpoint
    workshop_id VARCHAR NOT NULL,
    months      INTEGER NOT NULL,
    planned     VARCHAR NOT NULL,
    happened    VARCHAR NOT NULL,
    why         VARCHAR NOT NULL,
    next_steps  VARCHAR NOT NULL,
    recorded_by VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE rollup_weight (
    workshop_id VARCHAR NOT NULL,
    dimension   VARCHAR NOT NULL,
    weight      DOUBLE NOT NULL CHECK (weight >= 0),
    recorded_by VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

-- A submitted version is a frozen copy of the whole plan; rows are never updated.
CREATE TABLE plan_version (
    id           VARCHAR PRIMARY KEY,
    workshop_id  VARCHAR NOT NULL,
    number       INTEGER NOT NULL,
    snapshot     VARCHAR NOT NULL,          -- JSON
    note         VARCHAR NOT NULL,
    submitted_by VARCHAR NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    UNIQUE (workshop_id, number)
);

CREATE TABLE version_decision (
    version_id      VARCHAR NOT NULL UNIQUE, -- one decision per version
    decision        VARCHAR NOT NULL CHECK (decision IN ('approved', 'returned')),
    resolution_no   VARCHAR NOT NULL,
    resolution_date DATE NOT NULL,
    decided_by      VARCHAR NOT NULL,
    created_at      TIMESTAMP NOT NULL
);

CREATE TABLE version_comment (
    id         VARCHAR PRIMARY KEY,
    version_id VARCHAR NOT NULL,
    section    VARCHAR NOT NULL,
    text       VARCHAR NOT NULL,
    author     VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE audit_log (
    id          VARCHAR PRIMARY KEY,
    workshop_id VARCHAR NOT NULL,
    changed_at  TIMESTAMP NOT NULL,
    who         VARCHAR NOT NULL,
    action      VARCHAR NOT NULL,
    entity      VARCHAR NOT NULL,
    entity_id   VARCHAR NOT NULL,
    before_json VARCHAR,                 -- NULL when created
    after_json  VARCHAR                  -- NULL when deleted
);

-- Edits and withdrawals of participant input are new rows, never updates: the newest revision of a
-- SWOT item or an idea decides its text and whether it is shown (withdrawn = deleted). The item's
-- first row and every vote or score stay as they were, so totals remain queries over appended rows.
CREATE SEQUENCE input_revision_seq;

CREATE TABLE swot_item_revision (
    id             VARCHAR PRIMARY KEY,
    workshop_id    VARCHAR NOT NULL,
    item_id        VARCHAR NOT NULL,
    quadrant       VARCHAR NOT NULL CHECK (quadrant IN ('S', 'W', 'O', 'T')),
    text           VARCHAR NOT NULL,
    withdrawn      BOOLEAN NOT NULL,
    changed_by     VARCHAR NOT NULL,          -- as the audit trail records who
    seq            BIGINT NOT NULL DEFAULT nextval('input_revision_seq'),   -- newest wins, ties impossible
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX swot_item_revision_workshop ON swot_item_revision (workshop_id);

CREATE TABLE idea_revision (
    id             VARCHAR PRIMARY KEY,
    workshop_id    VARCHAR NOT NULL,
    idea_id        VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL CHECK (kind IN ('pain', 'solution')),
    text           VARCHAR NOT NULL,
    withdrawn      BOOLEAN NOT NULL,
    changed_by     VARCHAR NOT NULL,
    seq            BIGINT NOT NULL DEFAULT nextval('input_revision_seq'),
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX idea_revision_workshop ON idea_revision (workshop_id);

-- Province figures imported by a facilitator (real, with their source per figure) sit beside the
-- generated sample figures in indicator_observation; which import brought a figure is kept.
ALTER TABLE indicator_observation ADD COLUMN import_id VARCHAR;

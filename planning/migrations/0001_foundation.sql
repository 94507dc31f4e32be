-- Foundation: settings, workshops, participants, city positioning, indicator observations.
-- Participant input (swot_item, swot_vote) is append-only; totals come from queries.

CREATE TABLE app_setting (
    key        VARCHAR PRIMARY KEY,
    value      VARCHAR NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE workshop (
    id            VARCHAR PRIMARY KEY,
    name          VARCHAR NOT NULL,
    name_key      VARCHAR NOT NULL UNIQUE,   -- trimmed, case-folded name: no duplicates
    province_code VARCHAR NOT NULL,
    target_area   VARCHAR NOT NULL,
    level         VARCHAR NOT NULL CHECK (level IN ('province', 'city', 'block')),
    city_type     VARCHAR NOT NULL CHECK (city_type IN ('livable', 'new')),
    horizon_years INTEGER NOT NULL CHECK (horizon_years BETWEEN 1 AND 20),
    start_date    DATE NOT NULL,
    join_code     VARCHAR NOT NULL UNIQUE,
    target_lat    DOUBLE,
    target_lon    DOUBLE,
    is_sample     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP NOT NULL
);

CREATE TABLE participant (
    id           VARCHAR PRIMARY KEY,
    workshop_id  VARCHAR NOT NULL,
    display_name VARCHAR NOT NULL,
    sector       VARCHAR NOT NULL CHECK (sector IN ('government', 'local', 'private', 'civil', 'academic')),
    token_hash   VARCHAR NOT NULL UNIQUE,
    joined_at    TIMESTAMP NOT NULL
);
CREATE INDEX participant_workshop ON participant (workshop_id);

CREATE TABLE swot_item (
    id             VARCHAR PRIMARY KEY,
    workshop_id    VARCHAR NOT NULL,
    participant_id VARCHAR,                   -- NULL when the facilitator added it
    quadrant       VARCHAR NOT NULL CHECK (quadrant IN ('S', 'W', 'O', 'T')),
    text           VARCHAR NOT NULL,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX swot_item_workshop ON swot_item (workshop_id);

-- One row per vote or withdrawal; a participant's latest row per item decides.
CREATE TABLE swot_vote (
    workshop_id    VARCHAR NOT NULL,
    item_id        VARCHAR NOT NULL,
    participant_id VARCHAR NOT NULL,
    active         BOOLEAN NOT NULL,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX swot_vote_workshop ON swot_vote (workshop_id);

-- Every save is a new row: the latest is current, the rest is history.
CREATE TABLE positioning_statement (
    workshop_id     VARCHAR NOT NULL,
    vision          VARCHAR NOT NULL,
    positioning     VARCHAR NOT NULL,
    lead_dimensions VARCHAR[] NOT NULL,
    saved_by        VARCHAR NOT NULL,
    created_at      TIMESTAMP NOT NULL
);

-- Province-level indicator values (the profile compares a province with all others).
CREATE TABLE indicator_observation (
    province_code  VARCHAR NOT NULL,
    indicator_code VARCHAR NOT NULL,
    year           INTEGER NOT NULL,          -- Gregorian; shown as B.E.
    value          DOUBLE NOT NULL,
    source         VARCHAR NOT NULL,
    is_sample      BOOLEAN NOT NULL,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX observation_indicator ON indicator_observation (indicator_code, year);

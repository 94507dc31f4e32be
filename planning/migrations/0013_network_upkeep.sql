-- Keeping the network alive (seed 001: LINK, communities of practice), the City Lab (seed 004)
-- and the sustainability plan (seed 000: people, money, knowledge, management).

CREATE TABLE link_activity (
    id          VARCHAR PRIMARY KEY,
    workshop_id VARCHAR NOT NULL,
    held_on     DATE NOT NULL,
    tag         VARCHAR NOT NULL CHECK (tag IN ('learning', 'investment', 'nurture', 'keep_give')),
    title       VARCHAR NOT NULL,
    people      VARCHAR NOT NULL,            -- who took part
    outcome     VARCHAR NOT NULL,
    held        BOOLEAN NOT NULL,            -- FALSE: planned
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE link_activity_partner (
    activity_id VARCHAR NOT NULL,
    partner_id  VARCHAR NOT NULL
);

CREATE TABLE cop_group (
    id          VARCHAR PRIMARY KEY,
    workshop_id VARCHAR NOT NULL,
    topic       VARCHAR NOT NULL,
    dimension   VARCHAR,
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE cop_member (
    cop_id     VARCHAR NOT NULL,
    partner_id VARCHAR NOT NULL
);

CREATE TABLE cop_meeting (
    id          VARCHAR PRIMARY KEY,
    cop_id      VARCHAR NOT NULL,
    held_on     DATE NOT NULL,
    notes       VARCHAR NOT NULL,
    follow_ups  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE city_lab (
    id            VARCHAR PRIMARY KEY,
    workshop_id   VARCHAR NOT NULL,
    name          VARCHAR NOT NULL,
    lat           DOUBLE,
    lon           DOUBLE,
    opening_hours VARCHAR NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

CREATE TABLE city_lab_event (
    id         VARCHAR PRIMARY KEY,
    lab_id     VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL CHECK (kind IN ('showcase', 'study_visit', 'exchange')),
    title      VARCHAR NOT NULL,
    held_on    DATE NOT NULL,
    held       BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE city_lab_visitors (
    event_id VARCHAR NOT NULL,
    sector   VARCHAR NOT NULL CHECK (sector IN ('government', 'local', 'private', 'civil', 'academic')),
    visitors INTEGER NOT NULL CHECK (visitors >= 0)
);

-- Append-only: the newest row per (project or programme, aspect) counts; older rows are history.
CREATE TABLE sustainability_score (
    workshop_id VARCHAR NOT NULL,
    project_id  VARCHAR,                     -- NULL: the programme as a whole
    aspect      VARCHAR NOT NULL CHECK (aspect IN ('people', 'money', 'knowledge', 'management')),
    score       INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    note        VARCHAR NOT NULL,
    next_step   VARCHAR NOT NULL,
    recorded_by VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

-- Live activities (dot voting, polls, short text) and capacity sessions (attendance and a pre/post
-- self-assessment). Participant input is append-only: a new ballot replaces the previous one by
-- being newer; totals are queries. Opening and closing are appended too, latest wins.

CREATE TABLE activity (
    id           VARCHAR PRIMARY KEY,
    workshop_id  VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL CHECK (kind IN ('dots', 'single', 'multi', 'text')),
    title        VARCHAR NOT NULL,
    source       VARCHAR NOT NULL CHECK (source IN ('options', 'swot', 'ideas', 'projects')),
    allowance    INTEGER NOT NULL,   -- dots per person, choices per person, or answers per person
    anonymous    BOOLEAN NOT NULL,
    hide_results BOOLEAN NOT NULL,
    display      VARCHAR NOT NULL CHECK (display IN ('ranked', 'cloud')),
    created_at   TIMESTAMP NOT NULL
);

CREATE TABLE activity_option (
    id          VARCHAR PRIMARY KEY,
    activity_id VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    label       VARCHAR NOT NULL,
    ref_id      VARCHAR,             -- the SWOT item, idea or project the option stands for
    dimension   VARCHAR
);

CREATE TABLE activity_state (
    activity_id VARCHAR NOT NULL,
    state       VARCHAR NOT NULL CHECK (state IN ('open', 'closed')),
    created_at  TIMESTAMP NOT NULL
);

-- One row per submission; the newest per participant counts. An empty ballot withdraws.
CREATE TABLE activity_ballot (
    id             VARCHAR PRIMARY KEY,
    activity_id    VARCHAR NOT NULL,
    participant_id VARCHAR NOT NULL,
    option_ids     VARCHAR[] NOT NULL,
    dots           INTEGER[] NOT NULL,
    created_at     TIMESTAMP NOT NULL
);

CREATE TABLE activity_answer (
    id             VARCHAR PRIMARY KEY,
    activity_id    VARCHAR NOT NULL,
    participant_id VARCHAR NOT NULL,
    text           VARCHAR NOT NULL,
    created_at     TIMESTAMP NOT NULL
);

-- Winners of an activity waiting to become projects in the action plan.
CREATE TABLE candidate_project (
    id          VARCHAR PRIMARY KEY,
    workshop_id VARCHAR NOT NULL,
    activity_id VARCHAR NOT NULL,
    option_key  VARCHAR NOT NULL,    -- option id, or the normalised answer text
    title       VARCHAR NOT NULL,
    dimension   VARCHAR,
    votes       INTEGER NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    project_id  VARCHAR              -- set when a project was saved from it
);

CREATE TABLE capacity_session (
    id          VARCHAR PRIMARY KEY,
    workshop_id VARCHAR NOT NULL,
    title       VARCHAR NOT NULL,
    held_on     DATE NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE capacity_question (
    id         VARCHAR PRIMARY KEY,
    session_id VARCHAR NOT NULL,
    position   INTEGER NOT NULL,
    text       VARCHAR NOT NULL
);

CREATE TABLE capacity_phase (
    session_id VARCHAR NOT NULL,
    phase      VARCHAR NOT NULL CHECK (phase IN ('pre', 'post', 'closed')),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE capacity_attendance (
    session_id     VARCHAR NOT NULL,
    participant_id VARCHAR NOT NULL,
    created_at     TIMESTAMP NOT NULL
);

CREATE TABLE capacity_answer (
    session_id     VARCHAR NOT NULL,
    participant_id VARCHAR NOT NULL,
    phase          VARCHAR NOT NULL CHECK (phase IN ('pre', 'post')),
    question_id    VARCHAR NOT NULL,
    rating         INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    created_at     TIMESTAMP NOT NULL
);

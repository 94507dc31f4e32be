-- Seven dimensions: custom indicators, baselines and benchmarks, targets, participant ideas,
-- idea scores, maturity ratings and the focus choice. Every table is append-only: the latest
-- row per key is current, earlier rows are history.

CREATE TABLE custom_indicator (
    workshop_id   VARCHAR NOT NULL,
    code          VARCHAR NOT NULL,           -- C-<n>, unique within the workshop
    dimension     VARCHAR NOT NULL,
    name_th       VARCHAR NOT NULL,
    name_en       VARCHAR NOT NULL,
    name_key      VARCHAR NOT NULL,           -- case-folded Thai name: no duplicates per dimension
    unit          VARCHAR NOT NULL,
    direction     VARCHAR NOT NULL CHECK (direction IN ('higher', 'lower')),
    definition    VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (workshop_id, code)
);

CREATE TABLE indicator_value (
    workshop_id      VARCHAR NOT NULL,
    indicator_code   VARCHAR NOT NULL,
    baseline_value   DOUBLE,
    baseline_year    INTEGER,                 -- Gregorian; shown as B.E.
    baseline_source  VARCHAR,
    benchmark_value  DOUBLE,
    benchmark_source VARCHAR,                 -- national, a peer province, or a standard
    target_6m        DOUBLE,
    target_12m       DOUBLE,
    target_horizon   DOUBLE,
    saved_by         VARCHAR NOT NULL,
    created_at       TIMESTAMP NOT NULL
);
CREATE INDEX indicator_value_workshop ON indicator_value (workshop_id, indicator_code);

CREATE TABLE dimension_idea (
    id             VARCHAR PRIMARY KEY,
    workshop_id    VARCHAR NOT NULL,
    dimension      VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL CHECK (kind IN ('pain', 'solution')),
    participant_id VARCHAR,
    text           VARCHAR NOT NULL,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX dimension_idea_workshop ON dimension_idea (workshop_id, dimension);

CREATE TABLE idea_score (
    workshop_id    VARCHAR NOT NULL,
    idea_id        VARCHAR NOT NULL,
    participant_id VARCHAR NOT NULL,
    impact         INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    feasibility    INTEGER NOT NULL CHECK (feasibility BETWEEN 1 AND 5),
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX idea_score_workshop ON idea_score (workshop_id);

CREATE TABLE maturity_rating (
    workshop_id    VARCHAR NOT NULL,
    dimension      VARCHAR NOT NULL,
    participant_id VARCHAR NOT NULL,
    level          INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX maturity_rating_workshop ON maturity_rating (workshop_id);

CREATE TABLE focus_choice (
    workshop_id VARCHAR NOT NULL,
    dimensions  VARCHAR[] NOT NULL,
    rationale   VARCHAR NOT NULL,
    saved_by    VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

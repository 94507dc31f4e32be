-- Master plan and annual action plan: provincial development issues, strategies, measures,
-- projects with budget lines per source, quarterly milestones and KPIs. These are plan content
-- edited by the facilitator; a project is saved as a whole (one transaction replaces its lines).

CREATE TABLE provincial_issue (
    id          VARCHAR PRIMARY KEY,
    workshop_id VARCHAR NOT NULL,
    title       VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

CREATE TABLE strategy (
    id                  VARCHAR PRIMARY KEY,
    workshop_id         VARCHAR NOT NULL,
    dimension           VARCHAR NOT NULL,
    title               VARCHAR NOT NULL,
    provincial_issue_id VARCHAR,
    indicator_codes     VARCHAR[] NOT NULL,
    created_at          TIMESTAMP NOT NULL
);

CREATE TABLE measure (
    id              VARCHAR PRIMARY KEY,
    workshop_id     VARCHAR NOT NULL,
    strategy_id     VARCHAR NOT NULL,
    title           VARCHAR NOT NULL,
    indicator_codes VARCHAR[] NOT NULL,
    created_at      TIMESTAMP NOT NULL
);

CREATE TABLE project (
    id               VARCHAR PRIMARY KEY,
    workshop_id      VARCHAR NOT NULL,
    name             VARCHAR NOT NULL,
    strategy_id      VARCHAR NOT NULL,
    measure_id       VARCHAR,
    dimensions       VARCHAR[] NOT NULL,
    objective        VARCHAR NOT NULL,
    lead_agency      VARCHAR NOT NULL,
    partners         VARCHAR NOT NULL,          -- JSON: sector code -> list of agency names
    target_group     VARCHAR NOT NULL,
    location_lat     DOUBLE,                    -- NULL: the workshop's target area
    location_lon     DOUBLE,
    fiscal_year_be   INTEGER NOT NULL,
    investment_type  VARCHAR NOT NULL CHECK (investment_type IN ('infrastructure', 'information', 'none')),
    components       VARCHAR[] NOT NULL,        -- which of the five components the project serves
    ready_land       BOOLEAN NOT NULL,
    ready_design     BOOLEAN NOT NULL,
    ready_cost       BOOLEAN NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);

CREATE TABLE project_budget (
    project_id VARCHAR NOT NULL,
    source     VARCHAR NOT NULL,
    item       VARCHAR NOT NULL,
    amount     DECIMAL(18, 2) NOT NULL CHECK (amount >= 0)
);

CREATE TABLE project_milestone (
    project_id  VARCHAR NOT NULL,
    quarter     INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),   -- of the fiscal year
    description VARCHAR NOT NULL
);

CREATE TABLE project_kpi (
    project_id     VARCHAR NOT NULL,
    indicator_code VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL CHECK (kind IN ('output', 'outcome')),
    baseline       DOUBLE,
    target         DOUBLE NOT NULL
);

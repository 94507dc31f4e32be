-- Partner organisations of the network (seed 004: key partners; seed 001: building networks).
-- The facilitator keeps the list; participants propose organisations (append-only rows that the
-- facilitator accepts or declines) and say which organisation they come from (append-only, the
-- newest row per participant counts). A merged organisation keeps its row, pointing at the one kept.

CREATE TABLE partner (
    id              VARCHAR PRIMARY KEY,
    workshop_id     VARCHAR NOT NULL,
    name_th         VARCHAR NOT NULL,
    name_en         VARCHAR NOT NULL,         -- '' when it has no English name
    sector          VARCHAR NOT NULL CHECK (sector IN ('government', 'local', 'private', 'civil', 'academic')),
    kind            VARCHAR NOT NULL,
    contact_person  VARCHAR NOT NULL,
    contact_channel VARCHAR NOT NULL,
    brings          VARCHAR[] NOT NULL,       -- money, land, data, skills, technology, people
    merged_into     VARCHAR,                  -- set when merged into another organisation
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX partner_workshop ON partner (workshop_id);

CREATE TABLE partner_proposal (
    id              VARCHAR PRIMARY KEY,
    workshop_id     VARCHAR NOT NULL,
    participant_id  VARCHAR NOT NULL,
    name_th         VARCHAR NOT NULL,
    name_en         VARCHAR NOT NULL,
    sector          VARCHAR NOT NULL CHECK (sector IN ('government', 'local', 'private', 'civil', 'academic')),
    kind            VARCHAR NOT NULL,
    brings          VARCHAR[] NOT NULL,
    note            VARCHAR NOT NULL,
    is_own          BOOLEAN NOT NULL,         -- the proposer comes from this organisation
    created_at      TIMESTAMP NOT NULL
);

CREATE TABLE partner_proposal_decision (
    proposal_id VARCHAR NOT NULL UNIQUE,
    decision    VARCHAR NOT NULL CHECK (decision IN ('accepted', 'declined')),
    partner_id  VARCHAR,                      -- the organisation it became (or was found to be)
    decided_by  VARCHAR NOT NULL,
    decided_at  TIMESTAMP NOT NULL
);

CREATE TABLE participant_organisation (
    workshop_id    VARCHAR NOT NULL,
    participant_id VARCHAR NOT NULL,
    partner_id     VARCHAR NOT NULL,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX participant_organisation_workshop ON participant_organisation (workshop_id);

-- Projects' lead agency and partners chosen from the list; the project's own lead_agency text and
-- partners JSON are filled from these, so the plan document and budget checks read them as before.
CREATE TABLE project_partner (
    project_id VARCHAR NOT NULL,
    partner_id VARCHAR NOT NULL,
    role       VARCHAR NOT NULL CHECK (role IN ('lead', 'partner'))
);

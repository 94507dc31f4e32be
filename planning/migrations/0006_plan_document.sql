-- The plan as a document: multi-year projects, strategy goals and the plan's own texts.
-- A project runs from its first to its last fiscal year; every budget line and milestone names
-- its fiscal year. Existing projects keep every amount and milestone, in their one year.

ALTER TABLE project ADD COLUMN last_fiscal_year_be INTEGER;
UPDATE project SET last_fiscal_year_be = fiscal_year_be;

CREATE TABLE project_budget_by_year (
    project_id     VARCHAR NOT NULL,
    source         VARCHAR NOT NULL,
    fiscal_year_be INTEGER NOT NULL,
    item           VARCHAR NOT NULL,
    amount         DECIMAL(18, 2) NOT NULL CHECK (amount >= 0)
);
INSERT INTO project_budget_by_year (project_id, source, fiscal_year_be, item, amount)
    SELECT b.project_id, b.source, p.fiscal_year_be, b.item, b.amount
    FROM project_budget b JOIN project p ON p.id = b.project_id;
DROP TABLE project_budget;
ALTER TABLE project_budget_by_year RENAME TO project_budget;

CREATE TABLE project_milestone_by_year (
    project_id     VARCHAR NOT NULL,
    fiscal_year_be INTEGER NOT NULL,
    quarter        INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),   -- of that fiscal year
    description    VARCHAR NOT NULL
);
INSERT INTO project_milestone_by_year (project_id, fiscal_year_be, quarter, description)
    SELECT m.project_id, p.fiscal_year_be, m.quarter, m.description
    FROM project_milestone m JOIN project p ON p.id = m.project_id;
DROP TABLE project_milestone;
ALTER TABLE project_milestone_by_year RENAME TO project_milestone;

-- The goal (เป้าประสงค์) a strategy serves; its indicators and targets say how it is measured.
ALTER TABLE strategy ADD COLUMN goal VARCHAR DEFAULT '';

-- The plan's own texts (mission, area, links to national and provincial plans, data security,
-- management model, information for investors, prepared by): append-only, the newest row per
-- key counts, so earlier wording stays in the history.
CREATE TABLE plan_text (
    workshop_id VARCHAR NOT NULL,
    key         VARCHAR NOT NULL,
    value       VARCHAR NOT NULL,
    saved_by    VARCHAR NOT NULL,
    saved_at    TIMESTAMP NOT NULL
);

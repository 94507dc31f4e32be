-- Rating activities: every participant rates each option 1-5 (the network health check rates
-- seed 001's seven components of a network this way). The activity table's checks widen to the
-- new kind and the new option source; every activity keeps its row.

CREATE TABLE activity_rated (
    id           VARCHAR PRIMARY KEY,
    workshop_id  VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL CHECK (kind IN ('dots', 'single', 'multi', 'text', 'rating')),
    title        VARCHAR NOT NULL,
    source       VARCHAR NOT NULL CHECK (source IN ('options', 'swot', 'ideas', 'projects', 'health')),
    allowance    INTEGER NOT NULL,   -- dots, choices or answers per person; for ratings the top of the scale
    anonymous    BOOLEAN NOT NULL,
    hide_results BOOLEAN NOT NULL,
    display      VARCHAR NOT NULL CHECK (display IN ('ranked', 'cloud')),
    created_at   TIMESTAMP NOT NULL
);
INSERT INTO activity_rated (id, workshop_id, kind, title, source, allowance, anonymous, hide_results, display,
                            created_at)
    SELECT id, workshop_id, kind, title, source, allowance, anonymous, hide_results, display, created_at
    FROM activity;
DROP TABLE activity;
ALTER TABLE activity_rated RENAME TO activity;

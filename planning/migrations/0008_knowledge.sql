-- The knowledge base: lessons, best practices and stories the group keeps (seed 000: knowledge
-- base, best practice, storytelling, After Action Review). An entry's rows are append-only: the
-- newest row per entry is its current text, and its status rows (proposed, published, hidden) are
-- the facilitator's curation, newest first. After Action Reviews at checkpoints are read from
-- checkpoint_review and shown as entries without being copied.

CREATE TABLE knowledge_entry (
    entry_id       VARCHAR NOT NULL,
    workshop_id    VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL CHECK (kind IN ('lesson', 'best_practice', 'story')),
    title          VARCHAR NOT NULL,
    situation      VARCHAR NOT NULL,
    action         VARCHAR NOT NULL,
    result         VARCHAR NOT NULL,
    lesson         VARCHAR NOT NULL,
    dimensions     VARCHAR[] NOT NULL,
    project_id     VARCHAR,
    partners       VARCHAR[] NOT NULL,        -- organisation names as written
    source         VARCHAR NOT NULL CHECK (source IN ('storytelling', 'field_visit', 'workshop', 'other')),
    participant_id VARCHAR,                   -- the author when a participant wrote it
    author         VARCHAR NOT NULL,
    created_at     TIMESTAMP NOT NULL
);

CREATE TABLE knowledge_status (
    entry_id    VARCHAR NOT NULL,
    workshop_id VARCHAR NOT NULL,
    status      VARCHAR NOT NULL CHECK (status IN ('proposed', 'published', 'hidden')),
    decided_by  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

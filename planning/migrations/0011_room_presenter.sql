-- The room on the projector and the phones. Everything here is appended, the newest row wins.
-- 0008-0010 are left to changes made alongside this one (the store applies any number it has not
-- applied yet, so they still run when they arrive after this one).

-- A countdown the facilitator may give an opening: shown on the projector and phones, display only.
ALTER TABLE activity_state ADD COLUMN ends_at TIMESTAMP;

-- Short answers that wait for the facilitator before they reach the screen.
ALTER TABLE activity ADD COLUMN moderated BOOLEAN DEFAULT FALSE;

-- The facilitator shows or hides an answer (all answers that read the same, as the word cloud
-- groups them) on the projector and phones.
CREATE TABLE activity_answer_review (
    activity_id VARCHAR NOT NULL,
    answer_key  VARCHAR NOT NULL,     -- activities.normalise_answer of the text
    visible     BOOLEAN NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

-- A workshop's room settings (e.g. whether SWOT authors are named on the projector).
CREATE TABLE workshop_setting (
    workshop_id VARCHAR NOT NULL,
    name        VARCHAR NOT NULL,
    value       VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

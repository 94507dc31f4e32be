-- Resumable sign-in for the facilitator and committee reviewers: a reload or a dropped connection
-- brings back the same role without the password. Only a hash of the secret is stored; signing
-- out revokes it, and it lapses after a period without use.
CREATE TABLE sign_in_session (
    token_hash   VARCHAR PRIMARY KEY,
    role         VARCHAR NOT NULL CHECK (role IN ('facilitator', 'reviewer')),
    name         VARCHAR,                  -- a reviewer's name
    workshop_id  VARCHAR,                  -- the workshop open when last used
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP NOT NULL,
    revoked_at   TIMESTAMP
);

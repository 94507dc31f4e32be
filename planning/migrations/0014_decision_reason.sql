-- A version returned for changes says why: the facilitator reads the committee's reason.
ALTER TABLE version_decision ADD COLUMN reason VARCHAR;

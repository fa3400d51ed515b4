-- The audit journal becomes one chain per municipality plus the region's
-- own (chain 0), so that staff of different municipalities no longer
-- queue on one lock to append. Every entry written before this migration
-- was one chain: it stays whole as chain 0, and its links, made without a
-- chain key, verify as they did (a link of chain 0 covers no key, see
-- chainInput). Appending reads the newest entry of the chain: the index
-- makes that a single probe.
-- +goose Up
ALTER TABLE audit_log ADD COLUMN chain BIGINT NOT NULL DEFAULT 0;
CREATE INDEX audit_chain ON audit_log (chain, id);

-- +goose Down
DROP INDEX audit_chain;
ALTER TABLE audit_log DROP COLUMN chain;

-- +goose Up
-- Attempts counted per key in a fixed window, taken before the work they
-- guard (a password check, a registry look-up, a letter), so that parallel
-- requests cannot all pass a check that was read before any was counted.
CREATE TABLE rate_counters (
    key          TEXT PRIMARY KEY, -- "<what>:<keyed hash or id>"
    hits         INTEGER NOT NULL,
    window_start TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE rate_counters;

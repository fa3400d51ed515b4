-- +goose Up
-- /readyz says ready only when a write reaches the disk: one row, rewritten
-- by the probe (at most once a second), whose failure (a full disk, a
-- read-only file system, a lost primary) takes the server out of rotation.
CREATE TABLE liveness (
    id BIGINT PRIMARY KEY,
    written_at BIGINT NOT NULL
);

-- +goose Down
DROP TABLE liveness;

-- +goose Up
-- One row per periodic task and due time (the start of its period): the
-- server whose INSERT made the row runs the task for that period, every
-- other server finds the row and does nothing. So several servers on one
-- database run each task once per period, whichever of them are up.
CREATE TABLE job_runs (
    task        TEXT NOT NULL,
    due_at      TIMESTAMP NOT NULL,
    server      TEXT NOT NULL,      -- host:pid of the server that runs it
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,        -- NULL: running, or the server died
    changed     INTEGER,
    error       TEXT,
    PRIMARY KEY (task, due_at)
);

-- +goose Down
DROP TABLE job_runs;

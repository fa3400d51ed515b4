-- Reports made in the background: who asked for which report, and the
-- finished file, kept beside the job that made it.
-- +goose Up
CREATE TABLE report_files (
    job_id       BIGINT PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    staff_id     BIGINT NOT NULL REFERENCES staff (id),
    report       TEXT NOT NULL,
    format       TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
    title        TEXT NOT NULL DEFAULT '',
    filename     TEXT NOT NULL DEFAULT '',
    content_type TEXT NOT NULL DEFAULT '',
    body         BYTEA,
    row_count    BIGINT NOT NULL DEFAULT 0,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    finished_at  TIMESTAMPTZ
);
CREATE INDEX report_files_staff ON report_files (staff_id, job_id);

-- The share of a month's certificate money paid to providers in advance.
INSERT INTO settings (key, value) VALUES ('advance_share_percent', '80') ON CONFLICT (key) DO NOTHING;

-- +goose Down
DELETE FROM settings WHERE key = 'advance_share_percent';
DROP TABLE report_files;

-- Sessions, sign-in throttling, one-time e-mail links, the mail outbox,
-- durable jobs, the «Контингент» registry extract, settings and the
-- append-only audit log.
-- +goose Up
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY, -- SHA-256 of the token, hex; the token itself is never stored
    role         TEXT NOT NULL,
    subject_id   INTEGER NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_subject ON sessions (role, subject_id);

CREATE TABLE login_failures (
    key          TEXT PRIMARY KEY, -- "account:<hash>" or "ip:<addr>"
    failures     INTEGER NOT NULL,
    window_start TIMESTAMP NOT NULL,
    locked_until TIMESTAMP
);

CREATE TABLE email_tokens (
    id         TEXT PRIMARY KEY, -- SHA-256 of the token
    purpose    TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'staff_invite')),
    subject_id INTEGER NOT NULL,
    email      TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);

CREATE TABLE mail_outbox (
    id         INTEGER PRIMARY KEY,
    recipient  TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    sent_at    TIMESTAMP
);

CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    unique_key   TEXT UNIQUE,
    payload      TEXT NOT NULL DEFAULT '{}',
    run_at       TIMESTAMP NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 10,
    locked_until TIMESTAMP,
    locked_by    TEXT NOT NULL DEFAULT '',
    last_error   TEXT NOT NULL DEFAULT '',
    progress     INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    result       TEXT NOT NULL DEFAULT '',
    done_at      TIMESTAMP,
    created_at   TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX jobs_ready ON jobs (run_at) WHERE done_at IS NULL;

CREATE TABLE contingent_records (
    id              INTEGER PRIMARY KEY,
    last_name       TEXT NOT NULL,
    first_name      TEXT NOT NULL,
    patronymic      TEXT NOT NULL DEFAULT '',
    birth_date      DATE NOT NULL,
    sex             TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    document_type   TEXT NOT NULL CHECK (document_type IN ('birth_certificate', 'passport', 'foreign')),
    document_sealed BLOB NOT NULL,
    document_hash   TEXT NOT NULL,
    snils_sealed    BLOB,
    imported_at     TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (document_type, document_hash)
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Every read or change of a person's data by staff, and every sign-in and
-- refusal. Each row carries the hash of the previous one, so a changed or
-- removed row breaks the chain; triggers refuse updates and deletes.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           TIMESTAMP NOT NULL,
    actor_role   TEXT NOT NULL,
    actor_id     INTEGER NOT NULL,
    action       TEXT NOT NULL,
    subject_kind TEXT NOT NULL DEFAULT '',
    subject_id   INTEGER NOT NULL DEFAULT 0,
    ip           TEXT NOT NULL DEFAULT '',
    details      TEXT NOT NULL DEFAULT '',
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE INDEX audit_subject ON audit_log (subject_kind, subject_id);

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE audit_log;
DROP TABLE settings;
DROP TABLE contingent_records;
DROP TABLE jobs;
DROP TABLE mail_outbox;
DROP TABLE email_tokens;
DROP TABLE login_failures;
DROP TABLE sessions;

-- Certificates, the per-municipality number counters and the queue for
-- the financing quota.
-- +goose Up
CREATE TABLE certificate_counters (
    municipality_id INTEGER PRIMARY KEY REFERENCES municipalities (id),
    last_value      INTEGER NOT NULL DEFAULT 0 CHECK (last_value BETWEEN 0 AND 999999)
);

CREATE TABLE certificates (
    id                INTEGER PRIMARY KEY,
    child_id          INTEGER NOT NULL UNIQUE REFERENCES children (id),
    number            TEXT NOT NULL UNIQUE CHECK (length(number) = 10 AND number GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
    type              TEXT NOT NULL CHECK (type IN ('unconfirmed', 'accounting', 'financing')),
    status            TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'frozen', 'closed')),
    unit              TEXT NOT NULL DEFAULT 'rub' CHECK (unit IN ('rub', 'hour')),
    period_id         INTEGER REFERENCES periods (id),
    nominal           INTEGER NOT NULL DEFAULT 0 CHECK (nominal >= 0),
    -- balance and reserve are sums of the ledger, kept here in the same
    -- transaction; the checks hold them non-negative.
    balance           INTEGER NOT NULL DEFAULT 0 CHECK (balance >= 0),
    reserve           INTEGER NOT NULL DEFAULT 0 CHECK (reserve >= 0),
    municipality_id   INTEGER NOT NULL REFERENCES municipalities (id),
    organization_id   INTEGER REFERENCES organizations (id),
    issued_by_staff   INTEGER REFERENCES staff (id),
    requested_online  INTEGER NOT NULL DEFAULT 0 CHECK (requested_online IN (0, 1)),
    data_source       TEXT NOT NULL DEFAULT 'manual' CHECK (data_source IN ('manual', 'contingent', 'contingent_unavailable', 'contingent_not_found', 'without_personal_data')),
    papers_kept       INTEGER NOT NULL DEFAULT 0 CHECK (papers_kept IN (0, 1)),
    issued_at         TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    type_changed_at   TIMESTAMP,
    status_changed_at TIMESTAMP,
    CHECK (type <> 'financing' OR period_id IS NOT NULL)
);
CREATE INDEX certificates_municipality ON certificates (municipality_id, type);

-- Requests for a financing certificate waiting for the quota, first come
-- first served.
CREATE TABLE financing_queue (
    id              INTEGER PRIMARY KEY,
    certificate_id  INTEGER NOT NULL REFERENCES certificates (id),
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    period_id       INTEGER NOT NULL REFERENCES periods (id),
    requested_at    TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    served_at       TIMESTAMP,
    UNIQUE (certificate_id, period_id)
);

-- +goose Down
DROP TABLE financing_queue;
DROP TABLE certificates;
DROP TABLE certificate_counters;

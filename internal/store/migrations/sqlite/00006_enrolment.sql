-- Applications, contracts, the money ledger and idempotent request replies.
-- +goose Up
CREATE TABLE applications (
    id                INTEGER PRIMARY KEY,
    child_id          INTEGER NOT NULL REFERENCES children (id),
    group_id          INTEGER NOT NULL REFERENCES groups (id),
    site_user_id      INTEGER NOT NULL REFERENCES site_users (id),
    certificate_id    INTEGER REFERENCES certificates (id),
    status            TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'enrolled', 'waitlisted', 'rejected', 'cancelled', 'completed')),
    holds_seat        INTEGER NOT NULL DEFAULT 0 CHECK (holds_seat IN (0, 1)),
    reason            TEXT NOT NULL DEFAULT '',
    created_by_staff  INTEGER REFERENCES staff (id),
    created_at        TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    status_changed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK ((holds_seat = 1) = (status IN ('pending', 'accepted', 'enrolled')))
);
-- One live application per child and group; a withdrawn or rejected one
-- does not block applying again.
CREATE UNIQUE INDEX applications_one_per_child_group ON applications (child_id, group_id)
    WHERE status IN ('pending', 'accepted', 'enrolled', 'waitlisted');
CREATE INDEX applications_group_status ON applications (group_id, status, id);
CREATE INDEX applications_site_user ON applications (site_user_id, id);
CREATE INDEX applications_child ON applications (child_id);

CREATE TABLE contracts (
    id                  INTEGER PRIMARY KEY,
    application_id      INTEGER NOT NULL UNIQUE REFERENCES applications (id),
    certificate_id      INTEGER REFERENCES certificates (id),
    number              TEXT NOT NULL UNIQUE,
    status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ending', 'ended')),
    starts_on           DATE NOT NULL,
    ends_on             DATE NOT NULL CHECK (ends_on >= starts_on),
    price_per_month     INTEGER NOT NULL CHECK (price_per_month >= 0),
    certificate_monthly INTEGER NOT NULL DEFAULT 0 CHECK (certificate_monthly >= 0),
    family_monthly      INTEGER NOT NULL DEFAULT 0 CHECK (family_monthly >= 0),
    end_reason          TEXT NOT NULL DEFAULT '',
    ended_on            DATE,
    created_at          TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (certificate_monthly + family_monthly = price_per_month)
);
CREATE INDEX contracts_certificate ON contracts (certificate_id, status);

-- Immutable money entries per certificate and period: nominal (+), reserve
-- (moves money from balance to reserve), release (back), charge (spends the
-- reserve). amount is always positive; the kind says which way it goes.
CREATE TABLE ledger_entries (
    id             INTEGER PRIMARY KEY,
    certificate_id INTEGER NOT NULL REFERENCES certificates (id),
    period_id      INTEGER NOT NULL REFERENCES periods (id),
    kind           TEXT NOT NULL CHECK (kind IN ('nominal', 'reserve', 'release', 'charge', 'expire')),
    amount         INTEGER NOT NULL CHECK (amount > 0),
    contract_id    INTEGER REFERENCES contracts (id),
    month          TEXT CHECK (month IS NULL OR length(month) = 7),
    note           TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX ledger_certificate ON ledger_entries (certificate_id, period_id);
-- A contract's month is charged once, however often the job runs.
CREATE UNIQUE INDEX ledger_charge_once ON ledger_entries (contract_id, month) WHERE kind = 'charge';
-- A retried POST with the same Idempotency-Key gets the first answer.
CREATE TABLE idempotency_keys (
    actor        TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    body         BLOB NOT NULL,
    created_at   TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (actor, key)
);

-- +goose Down
DROP TABLE idempotency_keys;
DROP TABLE ledger_entries;
DROP TABLE contracts;
DROP TABLE applications;

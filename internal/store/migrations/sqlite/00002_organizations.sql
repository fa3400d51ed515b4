-- Organizations: providers and certificate offices, their responsible
-- persons; staff accounts with their role and place.
-- +goose Up
CREATE TABLE organizations (
    id                    INTEGER PRIMARY KEY,
    municipality_id       INTEGER NOT NULL REFERENCES municipalities (id),
    name                  TEXT NOT NULL CHECK (name <> ''),
    short_name            TEXT NOT NULL DEFAULT '',
    type                  TEXT NOT NULL DEFAULT '',
    inn                   TEXT NOT NULL DEFAULT '',
    address               TEXT NOT NULL DEFAULT '',
    phone                 TEXT NOT NULL DEFAULT '',
    email                 TEXT NOT NULL DEFAULT '',
    website               TEXT NOT NULL DEFAULT '',
    schedule              TEXT NOT NULL DEFAULT '',
    is_provider           INTEGER NOT NULL DEFAULT 0 CHECK (is_provider IN (0, 1)),
    is_certificate_office INTEGER NOT NULL DEFAULT 0 CHECK (is_certificate_office IN (0, 1)),
    created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    UNIQUE (municipality_id, name)
);
CREATE INDEX organizations_offices ON organizations (municipality_id) WHERE is_certificate_office = 1;

CREATE TABLE responsible_persons (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    full_name       TEXT NOT NULL CHECK (full_name <> ''),
    position        TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX responsible_persons_org ON responsible_persons (organization_id);

CREATE TABLE staff (
    id                 INTEGER PRIMARY KEY,
    email              TEXT NOT NULL UNIQUE CHECK (email = lower(email) AND email <> ''),
    full_name          TEXT NOT NULL DEFAULT '',
    phone              TEXT NOT NULL DEFAULT '',
    role               TEXT NOT NULL CHECK (role IN ('operator', 'provider', 'municipal_admin', 'regional_admin')),
    organization_id    INTEGER REFERENCES organizations (id),
    municipality_id    INTEGER REFERENCES municipalities (id),
    password_hash      TEXT NOT NULL DEFAULT '',
    totp_secret        BLOB,
    totp_enabled       INTEGER NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1)),
    disabled_at        TIMESTAMP,
    created_at         TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (role NOT IN ('operator', 'provider') OR organization_id IS NOT NULL),
    CHECK (role <> 'municipal_admin' OR municipality_id IS NOT NULL)
);

CREATE TABLE staff_recovery_codes (
    staff_id  INTEGER NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at   TIMESTAMP,
    PRIMARY KEY (staff_id, code_hash)
);

-- +goose Down
DROP TABLE staff_recovery_codes;
DROP TABLE staff;
DROP TABLE responsible_persons;
DROP TABLE organizations;

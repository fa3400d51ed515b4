-- Site users (parents), their children, confirmations, achievements, views
-- and programs put aside. СНИЛС and document numbers are stored sealed
-- (AES-GCM) with a keyed hash (HMAC) for look-up.
-- +goose Up
CREATE TABLE site_users (
    id                  INTEGER PRIMARY KEY,
    municipality_id     INTEGER NOT NULL REFERENCES municipalities (id),
    last_name           TEXT NOT NULL DEFAULT '',
    first_name          TEXT NOT NULL DEFAULT '',
    patronymic          TEXT NOT NULL DEFAULT '',
    phone               TEXT NOT NULL,
    email               TEXT NOT NULL UNIQUE CHECK (email = lower(email) AND email <> ''),
    password_hash       TEXT NOT NULL DEFAULT '',
    email_verified      INTEGER NOT NULL DEFAULT 0 CHECK (email_verified IN (0, 1)),
    resident_rf         INTEGER NOT NULL DEFAULT 1 CHECK (resident_rf IN (0, 1)),
    consent_at          TIMESTAMP,
    paper_consent_by    INTEGER REFERENCES staff (id),
    created_by_staff_id INTEGER REFERENCES staff (id),
    totp_secret         BLOB,
    totp_enabled        INTEGER NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1)),
    created_at          TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at          TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (consent_at IS NOT NULL OR paper_consent_by IS NOT NULL)
);
CREATE INDEX site_users_phone ON site_users (phone);
CREATE INDEX site_users_last_name ON site_users (last_name);

CREATE TABLE children (
    id              INTEGER PRIMARY KEY,
    site_user_id    INTEGER NOT NULL REFERENCES site_users (id),
    last_name       TEXT NOT NULL DEFAULT '',
    first_name      TEXT NOT NULL DEFAULT '',
    patronymic      TEXT NOT NULL DEFAULT '',
    birth_date      DATE NOT NULL,
    sex             TEXT NOT NULL CHECK (sex IN ('male', 'female')),
    snils_sealed    BLOB,
    snils_hash      TEXT UNIQUE,
    document_type   TEXT CHECK (document_type IN ('birth_certificate', 'passport', 'foreign')),
    document_sealed BLOB,
    document_hash   TEXT,
    data_source     TEXT NOT NULL DEFAULT 'manual' CHECK (data_source IN ('manual', 'contingent')),
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    created_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK ((snils_sealed IS NULL) = (snils_hash IS NULL)),
    CHECK ((document_sealed IS NULL) = (document_hash IS NULL))
);
CREATE INDEX children_site_user ON children (site_user_id);
CREATE INDEX children_document ON children (document_hash);

-- An operator checked the child's data in person: once per child.
CREATE TABLE confirmations (
    id              INTEGER PRIMARY KEY,
    child_id        INTEGER NOT NULL UNIQUE REFERENCES children (id),
    staff_id        INTEGER NOT NULL REFERENCES staff (id),
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    without_snils   INTEGER NOT NULL DEFAULT 0 CHECK (without_snils IN (0, 1)),
    confirmed_at    TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE achievements (
    id                    INTEGER PRIMARY KEY,
    child_id              INTEGER NOT NULL REFERENCES children (id),
    title                 TEXT NOT NULL CHECK (title <> ''),
    level                 TEXT NOT NULL CHECK (level IN ('school', 'municipal', 'regional', 'federal', 'international')),
    achieved_on           DATE NOT NULL,
    result                TEXT NOT NULL DEFAULT '',
    added_by_site_user_id INTEGER REFERENCES site_users (id),
    added_by_staff_id     INTEGER REFERENCES staff (id),
    created_at            TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (added_by_site_user_id IS NOT NULL OR added_by_staff_id IS NOT NULL)
);
CREATE INDEX achievements_child ON achievements (child_id);

-- +goose Down
DROP TABLE achievements;
DROP TABLE confirmations;
DROP TABLE children;
DROP TABLE site_users;

-- The region, its municipalities, directions, periods and the municipality's
-- settings for a period.
-- +goose Up
CREATE TABLE region (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    code TEXT NOT NULL CHECK (length(code) = 2 AND code GLOB '[0-9][0-9]'),
    name TEXT NOT NULL
);

CREATE TABLE municipalities (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE CHECK (length(code) = 2 AND code GLOB '[0-9][0-9]'),
    name       TEXT NOT NULL UNIQUE CHECK (name <> ''),
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE directions (
    code           TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    position       INTEGER NOT NULL,
    previous_names TEXT NOT NULL DEFAULT ''
);

-- The seven directions of the federal order; the regional admin may rename
-- them, keeping the old names.
INSERT INTO directions (code, name, position) VALUES
    ('social', 'Социально-педагогическая', 1),
    ('science', 'Естественно-научная', 2),
    ('art', 'Художественная', 3),
    ('sport', 'Физкультурно-спортивная', 4),
    ('tourism', 'Туристско-краеведческая', 5),
    ('technical', 'Техническая', 6),
    ('other', 'Другая', 7);

CREATE TABLE periods (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE,
    starts_on           DATE NOT NULL,
    ends_on             DATE NOT NULL CHECK (ends_on > starts_on),
    enrollment_opens_at TIMESTAMP,
    enrollment_ends_at  TIMESTAMP,
    unit                TEXT NOT NULL DEFAULT 'rub' CHECK (unit IN ('rub', 'hour')),
    is_current          INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1))
);
CREATE UNIQUE INDEX periods_one_current ON periods (is_current) WHERE is_current = 1;

-- What a municipality sets for a period: the financing nominal and quota,
-- the limit of budget programs per accounting certificate, after how many
-- days an unused financing certificate turns into an accounting one, and
-- the children of the municipality for coverage.
CREATE TABLE municipality_periods (
    municipality_id              INTEGER NOT NULL REFERENCES municipalities (id),
    period_id                    INTEGER NOT NULL REFERENCES periods (id),
    financing_nominal            INTEGER NOT NULL DEFAULT 0 CHECK (financing_nominal >= 0),
    financing_quota              INTEGER NOT NULL DEFAULT 0 CHECK (financing_quota >= 0),
    budget_limit                 INTEGER NOT NULL DEFAULT 0 CHECK (budget_limit >= 0),
    financing_to_accounting_days INTEGER NOT NULL DEFAULT 0 CHECK (financing_to_accounting_days >= 0),
    children_total               INTEGER NOT NULL DEFAULT 0 CHECK (children_total >= 0),
    PRIMARY KEY (municipality_id, period_id)
);

-- +goose Down
DROP TABLE municipality_periods;
DROP TABLE periods;
DROP TABLE directions;
DROP TABLE municipalities;
DROP TABLE region;

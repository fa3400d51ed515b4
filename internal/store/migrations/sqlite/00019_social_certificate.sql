-- +goose Up
-- The social certificate of 189-ФЗ beside ПФДО. A municipality works in
-- one regime per period: 'pfdo' (a nominal in roubles) or 'social' (a
-- volume in person-hours, social_hours for the period, in hundredths of
-- an hour like the kopecks of a rouble).
ALTER TABLE municipality_periods ADD COLUMN regime TEXT NOT NULL DEFAULT 'pfdo' CHECK (regime IN ('pfdo', 'social'));
ALTER TABLE municipality_periods ADD COLUMN social_hours INTEGER NOT NULL DEFAULT 0 CHECK (social_hours >= 0);
-- A social certificate's hours for a period by the child's age, where the
-- municipality sets them apart from social_hours.
CREATE TABLE social_hours_by_age (
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    period_id       INTEGER NOT NULL REFERENCES periods (id),
    age_from        INTEGER NOT NULL CHECK (age_from BETWEEN 5 AND 18),
    age_to          INTEGER NOT NULL CHECK (age_to BETWEEN 5 AND 18 AND age_to >= age_from),
    hours           INTEGER NOT NULL CHECK (hours >= 0),
    PRIMARY KEY (municipality_id, period_id, age_from)
);

-- A regime chosen ahead: from the period that begins in starts_year on.
-- The next period takes the latest one not after its start, else keeps
-- the regime of the period before.
CREATE TABLE municipality_regimes (
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    starts_year     INTEGER NOT NULL CHECK (starts_year BETWEEN 2020 AND 2100),
    regime          TEXT NOT NULL CHECK (regime IN ('pfdo', 'social')),
    PRIMARY KEY (municipality_id, starts_year)
);

-- A certificate keeps hours beside its roubles: after a switch of regime
-- the contracts made in roubles finish in roubles while new ones reserve
-- hours. unit says in what the certificate is issued now.
ALTER TABLE certificates ADD COLUMN hours_nominal INTEGER NOT NULL DEFAULT 0 CHECK (hours_nominal >= 0);
ALTER TABLE certificates ADD COLUMN hours_balance INTEGER NOT NULL DEFAULT 0 CHECK (hours_balance >= 0);
ALTER TABLE certificates ADD COLUMN hours_reserve INTEGER NOT NULL DEFAULT 0 CHECK (hours_reserve >= 0);
ALTER TABLE ledger_entries ADD COLUMN unit TEXT NOT NULL DEFAULT 'rub' CHECK (unit IN ('rub', 'hour'));

-- A contract and its offer in hours: the hours a month the certificate
-- covers and the normative cost of an hour they were priced at; the
-- certificate's monthly share in roubles is their money equivalent.
ALTER TABLE contracts ADD COLUMN unit TEXT NOT NULL DEFAULT 'rub' CHECK (unit IN ('rub', 'hour'));
ALTER TABLE contracts ADD COLUMN hours_monthly INTEGER NOT NULL DEFAULT 0 CHECK (hours_monthly >= 0);
ALTER TABLE contracts ADD COLUMN hour_cost INTEGER NOT NULL DEFAULT 0 CHECK (hour_cost >= 0);
ALTER TABLE contract_offers ADD COLUMN unit TEXT NOT NULL DEFAULT 'rub' CHECK (unit IN ('rub', 'hour'));
ALTER TABLE contract_offers ADD COLUMN hours_monthly INTEGER NOT NULL DEFAULT 0 CHECK (hours_monthly >= 0);
ALTER TABLE contract_offers ADD COLUMN hour_cost INTEGER NOT NULL DEFAULT 0 CHECK (hour_cost >= 0);

-- The municipal social order for a calendar year: per direction the
-- volume in person-hours (hundredths) and children, how executors are
-- chosen, and the normative cost of an hour. What applications and
-- contracts hold is counted in the same transaction; the checks make the
-- volume a hard limit under any number of simultaneous applications.
CREATE TABLE social_orders (
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    year            INTEGER NOT NULL CHECK (year BETWEEN 2020 AND 2100),
    direction       TEXT NOT NULL REFERENCES directions (code),
    method          TEXT NOT NULL CHECK (method IN ('certificate', 'assignment')),
    hours           INTEGER NOT NULL CHECK (hours >= 0),
    children        INTEGER NOT NULL CHECK (children >= 0),
    hour_cost       INTEGER NOT NULL CHECK (hour_cost >= 0),
    hours_taken     INTEGER NOT NULL DEFAULT 0 CHECK (hours_taken >= 0),
    children_taken  INTEGER NOT NULL DEFAULT 0 CHECK (children_taken >= 0),
    updated_at      TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (municipality_id, year, direction),
    CHECK (hours_taken <= hours AND children_taken <= children)
);
-- What one application holds of a year's order, released exactly when it
-- stops holding its seat.
CREATE TABLE social_order_holds (
    application_id  INTEGER NOT NULL REFERENCES applications (id),
    municipality_id INTEGER NOT NULL,
    year            INTEGER NOT NULL,
    direction       TEXT NOT NULL,
    hours           INTEGER NOT NULL CHECK (hours >= 0),
    PRIMARY KEY (application_id, year),
    FOREIGN KEY (municipality_id, year, direction) REFERENCES social_orders (municipality_id, year, direction)
);

-- The registry of executors of a municipality: a provider's application
-- with its checklist of requirements, the municipal admin's decision.
CREATE TABLE executors (
    id               INTEGER PRIMARY KEY,
    organization_id  INTEGER NOT NULL REFERENCES organizations (id),
    municipality_id  INTEGER NOT NULL REFERENCES municipalities (id),
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'included', 'refused', 'excluded')),
    checklist        TEXT NOT NULL DEFAULT '{}',
    reason           TEXT NOT NULL DEFAULT '',
    applied_by       INTEGER REFERENCES staff (id),
    applied_at       TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    decided_by       INTEGER REFERENCES staff (id),
    decided_at       TIMESTAMP,
    included_on      DATE,
    UNIQUE (organization_id, municipality_id)
);
CREATE INDEX executors_municipality ON executors (municipality_id, status);
-- The documents attached to an application to the registry.
CREATE TABLE executor_documents (
    id           INTEGER PRIMARY KEY,
    executor_id  INTEGER NOT NULL REFERENCES executors (id),
    requirement  TEXT NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL CHECK (size > 0),
    body         BLOB NOT NULL,
    uploaded_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX executor_documents_executor ON executor_documents (executor_id);

-- +goose Down
DROP TABLE executor_documents;
DROP TABLE executors;
DROP TABLE social_order_holds;
DROP TABLE social_orders;
DROP TABLE municipality_regimes;
DROP TABLE social_hours_by_age;
ALTER TABLE contract_offers DROP COLUMN hour_cost;
ALTER TABLE contract_offers DROP COLUMN hours_monthly;
ALTER TABLE contract_offers DROP COLUMN unit;
ALTER TABLE contracts DROP COLUMN hour_cost;
ALTER TABLE contracts DROP COLUMN hours_monthly;
ALTER TABLE contracts DROP COLUMN unit;
ALTER TABLE ledger_entries DROP COLUMN unit;
ALTER TABLE certificates DROP COLUMN hours_reserve;
ALTER TABLE certificates DROP COLUMN hours_balance;
ALTER TABLE certificates DROP COLUMN hours_nominal;
ALTER TABLE municipality_periods DROP COLUMN social_hours;
ALTER TABLE municipality_periods DROP COLUMN regime;

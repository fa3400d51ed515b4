-- +goose Up
-- The attendance journal of a group: one mark per child and lesson day,
-- with the contract it was given under and the lesson's hours then (the
-- schedule may change later; what was given does not).
CREATE TABLE attendance (
    group_id    INTEGER NOT NULL REFERENCES groups (id),
    lesson_on   DATE NOT NULL,
    child_id    INTEGER NOT NULL REFERENCES children (id),
    contract_id INTEGER NOT NULL REFERENCES contracts (id),
    mark        TEXT NOT NULL CHECK (mark IN ('present', 'absent_valid', 'absent')),
    hours       INTEGER NOT NULL CHECK (hours >= 0),
    marked_by   INTEGER REFERENCES staff (id),
    marked_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (group_id, lesson_on, child_id)
);
CREATE INDEX attendance_contract ON attendance (contract_id, lesson_on);

-- An executor's monthly report of hours given by social certificates of
-- one municipality. One live report per executor, municipality and month;
-- a returned one stays as it was and the month may be formed again.
CREATE TABLE executor_reports (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    month           TEXT NOT NULL CHECK (length(month) = 7),
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
    total_hours     INTEGER NOT NULL DEFAULT 0 CHECK (total_hours >= 0),
    total_amount    INTEGER NOT NULL DEFAULT 0 CHECK (total_amount >= 0),
    remarks         TEXT NOT NULL DEFAULT '',
    formed_by       INTEGER REFERENCES staff (id),
    formed_at       TIMESTAMP NOT NULL,
    submitted_at    TIMESTAMP,
    decided_by      INTEGER REFERENCES staff (id),
    decided_at      TIMESTAMP
);
CREATE UNIQUE INDEX executor_reports_live ON executor_reports (organization_id, municipality_id, month) WHERE status <> 'returned';
CREATE INDEX executor_reports_municipality ON executor_reports (municipality_id, status);
-- A report's line: a child's agreement and the hours given in the month.
CREATE TABLE executor_report_lines (
    report_id        INTEGER NOT NULL REFERENCES executor_reports (id),
    contract_id      INTEGER NOT NULL REFERENCES contracts (id),
    child_id         INTEGER NOT NULL REFERENCES children (id),
    certificate_id   INTEGER NOT NULL REFERENCES certificates (id),
    agreement_number TEXT NOT NULL,
    hours            INTEGER NOT NULL CHECK (hours >= 0),
    hour_cost        INTEGER NOT NULL CHECK (hour_cost >= 0),
    amount           INTEGER NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (report_id, contract_id)
);

-- +goose Down
DROP TABLE executor_report_lines;
DROP TABLE executor_reports;
DROP TABLE attendance;

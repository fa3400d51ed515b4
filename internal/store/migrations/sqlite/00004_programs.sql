-- Programs, their modules and groups with schedules; the catalog's search
-- index; views and programs put aside by parents.
-- +goose Up
CREATE TABLE programs (
    id                   INTEGER PRIMARY KEY,
    organization_id      INTEGER NOT NULL REFERENCES organizations (id),
    municipality_id      INTEGER NOT NULL REFERENCES municipalities (id),
    title                TEXT NOT NULL CHECK (title <> ''),
    description          TEXT NOT NULL DEFAULT '',
    direction            TEXT NOT NULL REFERENCES directions (code),
    registry             TEXT NOT NULL CHECK (registry IN ('certified', 'budget', 'paid')),
    age_from             INTEGER NOT NULL CHECK (age_from BETWEEN 0 AND 18),
    age_to               INTEGER NOT NULL CHECK (age_to BETWEEN 0 AND 18),
    form_of_study        TEXT NOT NULL DEFAULT 'full_time' CHECK (form_of_study IN ('full_time', 'part_time', 'distance')),
    ovz                  INTEGER NOT NULL DEFAULT 0 CHECK (ovz IN (0, 1)),
    address              TEXT NOT NULL DEFAULT '',
    status               TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
    certification        TEXT NOT NULL DEFAULT 'none' CHECK (certification IN ('none', 'pending', 'accepted', 'refused')),
    certification_reason TEXT NOT NULL DEFAULT '',
    -- Derived for the catalog, kept by the store in the same transaction as
    -- the modules and groups they come from.
    min_price            INTEGER NOT NULL DEFAULT 0 CHECK (min_price >= 0),
    min_normative        INTEGER NOT NULL DEFAULT 0 CHECK (min_normative >= 0),
    seats_left           INTEGER NOT NULL DEFAULT 0 CHECK (seats_left >= 0),
    search_title         TEXT NOT NULL DEFAULT '',
    search_text          TEXT NOT NULL DEFAULT '',
    published_at         TIMESTAMP,
    created_at           TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at           TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CHECK (age_from <= age_to)
);
CREATE INDEX programs_catalog ON programs (status, municipality_id, direction);
CREATE INDEX programs_organization ON programs (organization_id);

-- Full-text index over the stemmed words of the title, and of the
-- organization and description; rowid = programs.id. The stemming is done
-- in Go so that both engines match the same word forms.
CREATE VIRTUAL TABLE programs_fts USING fts5 (search_title, search_text, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0');

CREATE TABLE modules (
    id             INTEGER PRIMARY KEY,
    program_id     INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    name           TEXT NOT NULL CHECK (name <> ''),
    hours          INTEGER NOT NULL DEFAULT 0 CHECK (hours >= 0),
    months         INTEGER NOT NULL DEFAULT 9 CHECK (months BETWEEN 1 AND 12),
    price          INTEGER NOT NULL DEFAULT 0 CHECK (price >= 0),
    normative_cost INTEGER NOT NULL DEFAULT 0 CHECK (normative_cost >= 0),
    min_children   INTEGER NOT NULL DEFAULT 1 CHECK (min_children >= 0),
    max_children   INTEGER NOT NULL DEFAULT 30 CHECK (max_children >= min_children)
);
CREATE INDEX modules_program ON modules (program_id);

CREATE TABLE groups (
    id         INTEGER PRIMARY KEY,
    module_id  INTEGER NOT NULL REFERENCES modules (id) ON DELETE CASCADE,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (name <> ''),
    capacity   INTEGER NOT NULL CHECK (capacity > 0),
    -- Seats held by pending, accepted and enrolled applications; the check
    -- makes overbooking impossible whatever the code above does.
    seats_taken INTEGER NOT NULL DEFAULT 0 CHECK (seats_taken >= 0 AND seats_taken <= capacity),
    accepting  INTEGER NOT NULL DEFAULT 1 CHECK (accepting IN (0, 1)),
    starts_on  DATE NOT NULL,
    ends_on    DATE NOT NULL CHECK (ends_on >= starts_on),
    teacher    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX groups_module ON groups (module_id);
CREATE INDEX groups_program ON groups (program_id);

CREATE TABLE group_schedule (
    id        INTEGER PRIMARY KEY,
    group_id  INTEGER NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
    weekday   INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts_at TEXT NOT NULL CHECK (length(starts_at) = 5),
    ends_at   TEXT NOT NULL CHECK (length(ends_at) = 5 AND ends_at > starts_at),
    room      TEXT NOT NULL DEFAULT '',
    address   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX group_schedule_group ON group_schedule (group_id);

CREATE TABLE program_views (
    site_user_id INTEGER NOT NULL REFERENCES site_users (id),
    program_id   INTEGER NOT NULL REFERENCES programs (id),
    viewed_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (site_user_id, program_id)
);

CREATE TABLE deferred_programs (
    site_user_id INTEGER NOT NULL REFERENCES site_users (id),
    program_id   INTEGER NOT NULL REFERENCES programs (id),
    rank         INTEGER NOT NULL CHECK (rank > 0),
    created_at   TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (site_user_id, program_id)
);

-- +goose Down
DROP TABLE deferred_programs;
DROP TABLE program_views;
DROP TABLE group_schedule;
DROP TABLE groups;
DROP TABLE modules;
DROP TABLE programs_fts;
DROP TABLE programs;

-- +goose Up
-- A sign-up waits here, under the hash of its e-mail link, until the link
-- is followed; only then is the account made. Registering thus tells
-- nobody whether an address already has an account: the answer, and
-- whether a sign-in works, are the same.
CREATE TABLE registrations (
    id              TEXT PRIMARY KEY, -- SHA-256 of the link's token
    municipality_id INTEGER NOT NULL REFERENCES municipalities (id),
    last_name       TEXT NOT NULL,
    first_name      TEXT NOT NULL,
    patronymic      TEXT NOT NULL,
    phone           TEXT NOT NULL,
    email           TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL,
    used_at         TIMESTAMP
);
CREATE INDEX registrations_email ON registrations (email);

-- +goose Down
DROP TABLE registrations;

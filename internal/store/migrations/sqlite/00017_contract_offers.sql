-- +goose Up
-- The contract offer (оферта): made when the provider accepts an
-- application, accepted by the parent in the cabinet (time, account and
-- address kept) or recorded by the provider as signed on paper; an offer
-- not accepted within the municipality's number of days expires. The
-- contract itself is a row of contracts, made at acceptance.
CREATE TABLE contract_offers (
    id                  INTEGER PRIMARY KEY,
    application_id      INTEGER NOT NULL UNIQUE REFERENCES applications (id),
    number              TEXT NOT NULL UNIQUE,
    status              TEXT NOT NULL DEFAULT 'offered' CHECK (status IN ('offered', 'accepted', 'paper', 'expired', 'withdrawn')),
    starts_on           DATE NOT NULL,
    ends_on             DATE NOT NULL CHECK (ends_on >= starts_on),
    price_per_month     INTEGER NOT NULL CHECK (price_per_month >= 0),
    certificate_monthly INTEGER NOT NULL DEFAULT 0 CHECK (certificate_monthly >= 0),
    family_monthly      INTEGER NOT NULL DEFAULT 0 CHECK (family_monthly >= 0),
    offered_by          INTEGER REFERENCES staff (id),
    offered_at          TIMESTAMP NOT NULL,
    expires_on          DATE NOT NULL,
    answered_at         TIMESTAMP,
    accepted_by         INTEGER REFERENCES site_users (id),
    accepted_from       TEXT NOT NULL DEFAULT '',
    paper_by            INTEGER REFERENCES staff (id),
    CHECK (certificate_monthly + family_monthly = price_per_month)
);
CREATE INDEX contract_offers_open ON contract_offers (expires_on) WHERE status = 'offered';
-- Who ended a contract: provider or parent (empty: it ran to its end).
ALTER TABLE contracts ADD COLUMN ended_by TEXT NOT NULL DEFAULT '' CHECK (ended_by IN ('', 'provider', 'parent'));
ALTER TABLE contracts ADD COLUMN ended_at TIMESTAMP;
-- How many days a parent has to accept an offer.
ALTER TABLE municipalities ADD COLUMN contract_offer_days INTEGER NOT NULL DEFAULT 10 CHECK (contract_offer_days BETWEEN 1 AND 60);

-- +goose Down
ALTER TABLE municipalities DROP COLUMN contract_offer_days;
ALTER TABLE contracts DROP COLUMN ended_at;
ALTER TABLE contracts DROP COLUMN ended_by;
DROP TABLE contract_offers;

-- Staff security: the last TOTP time step each account used (a code works
-- once), who invited a staff account; indexes for staff lists and the
-- financing quota queue.
-- +goose Up
ALTER TABLE staff ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
ALTER TABLE site_users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN invited_by BIGINT;
CREATE INDEX staff_organization ON staff (organization_id);
CREATE INDEX staff_municipality ON staff (municipality_id);
CREATE INDEX financing_queue_waiting ON financing_queue (municipality_id, period_id, id) WHERE served_at IS NULL;

-- +goose Down
DROP INDEX financing_queue_waiting;
DROP INDEX staff_municipality;
DROP INDEX staff_organization;
ALTER TABLE staff DROP COLUMN invited_by;
ALTER TABLE staff DROP COLUMN totp_last_step;
ALTER TABLE site_users DROP COLUMN totp_last_step;

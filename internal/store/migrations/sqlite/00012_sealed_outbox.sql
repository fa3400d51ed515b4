-- +goose Up
-- Letters carry working links (a password reset, a staff invitation): their
-- bodies wait in the outbox sealed with the installation's key and are
-- erased once sent. body_fill is the application number that PostgreSQL's
-- one-statement write puts beside a sealed text it cannot change.
ALTER TABLE mail_outbox ADD COLUMN body_sealed BLOB;
ALTER TABLE mail_outbox ADD COLUMN body_fill TEXT;
-- What was sent before has no business staying.
UPDATE mail_outbox SET body = '' WHERE sent_at IS NOT NULL;

-- +goose Down
ALTER TABLE mail_outbox DROP COLUMN body_fill;
ALTER TABLE mail_outbox DROP COLUMN body_sealed;

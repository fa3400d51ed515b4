-- An index that serves the catalog's «newest first» and its count of
-- published programs without touching every row.
-- +goose Up
CREATE INDEX programs_published ON programs (status, published_at DESC, id);

-- +goose Down
DROP INDEX programs_published;

-- The catalog filtered by municipality and direction, newest first: the
-- page is read in index order, and its count, with or without an age,
-- from the index alone. Until now the page walked programs_published and
-- dropped every row of another municipality or direction, or fetched
-- every match and sorted it. The old programs_catalog is this index's
-- prefix, so it goes.
-- +goose Up
CREATE INDEX programs_catalog_order ON programs (status, municipality_id, direction, published_at DESC, id, age_from, age_to);
DROP INDEX programs_catalog;

-- +goose Down
CREATE INDEX programs_catalog ON programs (status, municipality_id, direction);
DROP INDEX programs_catalog_order;

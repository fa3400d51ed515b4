-- +goose Up
-- A child holds at most one live application to a program, whichever
-- group it names: applying to a second group of the same program is a
-- mistake a parent makes by double-clicking, and it would hold two seats.
-- The program is kept on the application so that the database itself
-- refuses the second one, even when two groups' lanes race.
ALTER TABLE applications ADD COLUMN program_id BIGINT REFERENCES programs (id);
UPDATE applications SET program_id = (SELECT g.program_id FROM groups g WHERE g.id = applications.group_id);
CREATE UNIQUE INDEX applications_one_per_child_program ON applications (child_id, program_id)
    WHERE status IN ('pending', 'accepted', 'enrolled', 'waitlisted');

-- +goose Down
DROP INDEX applications_one_per_child_program;
ALTER TABLE applications DROP COLUMN program_id;

-- Presence colours: a new member of a case gets the palette index (0-11, the palette in
-- src/lib/protocol/presence.ts) least used among the case's members, lowest first, so that the
-- first twelve people in a case all have different colours and keep theirs.
CREATE FUNCTION case_members_assign_colour() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.presence_colour IS NULL THEN
		SELECT colour INTO NEW.presence_colour
		FROM generate_series(0, 11) AS colour
		LEFT JOIN case_members member
			ON member.case_id = NEW.case_id AND member.presence_colour = colour
		GROUP BY colour
		ORDER BY count(member.user_id), colour
		LIMIT 1;
	END IF;
	RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_members_assign_colour
	BEFORE INSERT ON case_members
	FOR EACH ROW EXECUTE FUNCTION case_members_assign_colour();
--> statement-breakpoint
-- Members from before: in order of joining.
UPDATE case_members SET presence_colour = numbered.position % 12
FROM (
	SELECT case_id, user_id,
		row_number() OVER (PARTITION BY case_id ORDER BY created_at, user_id) - 1 AS position
	FROM case_members
) AS numbered
WHERE case_members.case_id = numbered.case_id AND case_members.user_id = numbered.user_id;

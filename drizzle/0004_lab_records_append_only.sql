-- Journey records and their addenda are never changed: refuse UPDATE always, and DELETE unless
-- the case they belong to is being deleted (deleting a case really deletes, records included).
CREATE FUNCTION journey_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM cases WHERE id = OLD.case_id) THEN
		RETURN OLD;
	END IF;
	RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER journey_records_no_update_or_delete
	BEFORE UPDATE OR DELETE ON journey_records
	FOR EACH ROW EXECUTE FUNCTION journey_refuse_change();
--> statement-breakpoint
CREATE TRIGGER journey_records_no_truncate
	BEFORE TRUNCATE ON journey_records
	FOR EACH STATEMENT EXECUTE FUNCTION journey_refuse_change();
--> statement-breakpoint
CREATE TRIGGER journey_addenda_no_update_or_delete
	BEFORE UPDATE OR DELETE ON journey_addenda
	FOR EACH ROW EXECUTE FUNCTION journey_refuse_change();
--> statement-breakpoint
CREATE TRIGGER journey_addenda_no_truncate
	BEFORE TRUNCATE ON journey_addenda
	FOR EACH STATEMENT EXECUTE FUNCTION journey_refuse_change();

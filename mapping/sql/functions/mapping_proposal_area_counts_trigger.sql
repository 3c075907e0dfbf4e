-- Keeps the area counts as proposals are linked to and unlinked from their areas.
CREATE OR REPLACE FUNCTION public.mapping_proposal_area_counts_trigger()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    p mapping_proposal;
BEGIN
    IF current_setting('mapping.skip_grid_trigger', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT * INTO p FROM mapping_proposal WHERE id = NEW.proposal_id;
        IF FOUND THEN PERFORM mapping_area_apply(p, NEW.area_id, 1); END IF;
    ELSE
        SELECT * INTO p FROM mapping_proposal WHERE id = OLD.proposal_id;
        IF FOUND THEN PERFORM mapping_area_apply(p, OLD.area_id, -1); END IF;
    END IF;
    RETURN NULL;
END
$function$;

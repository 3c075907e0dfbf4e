-- Keeps the area and week counts as proposals are created, changed and deleted.
CREATE OR REPLACE FUNCTION public.mapping_proposal_counts_trigger()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
    link record;
BEGIN
    -- Bulk loads set this for their transaction and rebuild once afterwards.
    IF current_setting('mapping.skip_grid_trigger', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE'
       AND NEW.campaign_id = OLD.campaign_id AND NEW.category_id = OLD.category_id
       AND NEW.status = OLD.status AND NEW.visibility = OLD.visibility
       AND NEW.created_at = OLD.created_at THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM mapping_week_apply(OLD, -1);
        FOR link IN SELECT area_id FROM mapping_proposal_areas WHERE proposal_id = OLD.id LOOP
            PERFORM mapping_area_apply(OLD, link.area_id, -1);
        END LOOP;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM mapping_week_apply(NEW, 1);
    END IF;
    IF TG_OP = 'UPDATE' THEN
        FOR link IN SELECT area_id FROM mapping_proposal_areas WHERE proposal_id = NEW.id LOOP
            PERFORM mapping_area_apply(NEW, link.area_id, 1);
        END LOOP;
    END IF;
    RETURN NULL;
END
$function$;

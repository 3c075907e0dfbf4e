-- Keeps the count pyramid as proposals are created, moved, changed and deleted; bulk loads
-- switch it off for their transaction (mapping.skip_grid_trigger) and rebuild once.
CREATE OR REPLACE FUNCTION public.mapping_proposal_grid_trigger()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    -- Bulk loads set this for their transaction and rebuild the pyramid once afterwards.
    IF current_setting('mapping.skip_grid_trigger', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE'
       AND NEW.visibility = OLD.visibility
       AND NEW.location::text = OLD.location::text
       AND NEW.campaign_id = OLD.campaign_id
       AND NEW.category_id = OLD.category_id
       AND NEW.status = OLD.status THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM mapping_grid_apply(OLD, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM mapping_grid_apply(NEW, 1);
    END IF;
    RETURN NULL;
END
$function$;

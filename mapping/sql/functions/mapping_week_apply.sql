-- Adds `sign` to the kept count of a proposal's week (mapping_weekcount).
CREATE OR REPLACE FUNCTION public.mapping_week_apply(p mapping_proposal, sign integer)
 RETURNS void
 LANGUAGE sql
AS $function$
    INSERT INTO mapping_weekcount AS c (campaign_id, week, category_id, status, visibility, count)
    VALUES (p.campaign_id, mapping_week(p.created_at), p.category_id, p.status, p.visibility, sign)
    ON CONFLICT (campaign_id, week, category_id, status, visibility)
    DO UPDATE SET count = c.count + EXCLUDED.count
$function$;

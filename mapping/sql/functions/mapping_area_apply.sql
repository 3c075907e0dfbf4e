-- Adds `sign` (1 or -1) to the kept count of a proposal's area (mapping_areacount), by campaign,
-- category, status and visibility.
CREATE OR REPLACE FUNCTION public.mapping_area_apply(p mapping_proposal, area bigint, sign integer)
 RETURNS void
 LANGUAGE sql
AS $function$
    INSERT INTO mapping_areacount AS c (campaign_id, area_id, category_id, status, visibility, count)
    VALUES (p.campaign_id, area, p.category_id, p.status, p.visibility, sign)
    ON CONFLICT (campaign_id, area_id, category_id, status, visibility)
    DO UPDATE SET count = c.count + EXCLUDED.count
$function$;

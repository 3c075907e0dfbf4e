-- Recounts every kept count (areas and weeks) from the proposals, after a bulk load that
-- skipped the row triggers.
CREATE OR REPLACE FUNCTION public.mapping_counts_rebuild()
 RETURNS void
 LANGUAGE sql
AS $function$
    DELETE FROM mapping_weekcount;
    INSERT INTO mapping_weekcount (campaign_id, week, category_id, status, visibility, count)
    SELECT campaign_id, mapping_week(created_at), category_id, status, visibility, count(*)
    FROM mapping_proposal GROUP BY 1, 2, 3, 4, 5;
    DELETE FROM mapping_areacount;
    INSERT INTO mapping_areacount (campaign_id, area_id, category_id, status, visibility, count)
    SELECT p.campaign_id, link.area_id, p.category_id, p.status, p.visibility, count(*)
    FROM mapping_proposal AS p JOIN mapping_proposal_areas AS link ON link.proposal_id = p.id
    GROUP BY 1, 2, 3, 4, 5;
$function$;

-- Adds `sign` times a proposal to every level of the map's count pyramid (mapping_gridcell),
-- by campaign, category, status and visibility.
CREATE OR REPLACE FUNCTION public.mapping_grid_apply(p mapping_proposal, sign integer)
 RETURNS void
 LANGUAGE sql
AS $function$
    INSERT INTO mapping_gridcell AS g
        (level, cx, cy, campaign_id, category_id, status, visibility,
         count, sum_lon, sum_lat, sum_id)
    SELECT l, mapping_tile_x(ST_X(p.location), l), mapping_tile_y(ST_Y(p.location), l),
           p.campaign_id, p.category_id, p.status, p.visibility,
           sign, sign * ST_X(p.location), sign * ST_Y(p.location), sign * p.id
    FROM mapping_pyramid_levels() AS levels,
         generate_series(levels.min_level, levels.max_level) AS l
    ORDER BY l
    ON CONFLICT (level, cx, cy, campaign_id, category_id, status, visibility) DO UPDATE
    SET count = g.count + EXCLUDED.count,
        sum_lon = g.sum_lon + EXCLUDED.sum_lon,
        sum_lat = g.sum_lat + EXCLUDED.sum_lat,
        sum_id = g.sum_id + EXCLUDED.sum_id
$function$;

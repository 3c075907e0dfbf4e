-- Rebuilds the count pyramid from the proposals in one set-based pass.
CREATE OR REPLACE FUNCTION public.mapping_pyramid_rebuild()
 RETURNS void
 LANGUAGE sql
AS $function$
    DELETE FROM mapping_gridcell;
    INSERT INTO mapping_gridcell
        (level, cx, cy, campaign_id, category_id, status, visibility,
         count, sum_lon, sum_lat, sum_id)
    SELECT l, mapping_tile_x(ST_X(location), l), mapping_tile_y(ST_Y(location), l),
           campaign_id, category_id, status, visibility, count(*), sum(ST_X(location)),
           sum(ST_Y(location)), sum(id)
    FROM mapping_proposal,
         mapping_pyramid_levels() AS levels,
         generate_series(levels.min_level, levels.max_level) AS l
    GROUP BY 1, 2, 3, 4, 5, 6, 7;
$function$;

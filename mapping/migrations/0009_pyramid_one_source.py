"""The pyramid's levels and its rebuild live in the database, once: the trigger, the rebuild and
the tile view all read mapping_pyramid_levels(); mapping.map_layer calls mapping_pyramid_rebuild().
"""

from django.db import migrations

PYRAMID_SQL = """
CREATE FUNCTION mapping_pyramid_levels(OUT min_level integer, OUT max_level integer)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT 9, 18 $$;

CREATE OR REPLACE FUNCTION mapping_grid_apply(p mapping_proposal, sign integer) RETURNS void
    LANGUAGE sql AS $$
    INSERT INTO mapping_gridcell AS g
        (level, cx, cy, campaign_id, category_id, status, count, sum_lon, sum_lat, sum_id)
    SELECT l, mapping_tile_x(ST_X(p.location), l), mapping_tile_y(ST_Y(p.location), l),
           p.campaign_id, p.category_id, p.status,
           sign, sign * ST_X(p.location), sign * ST_Y(p.location), sign * p.id
    FROM mapping_pyramid_levels() AS levels,
         generate_series(levels.min_level, levels.max_level) AS l
    ORDER BY l
    ON CONFLICT (level, cx, cy, campaign_id, category_id, status) DO UPDATE
    SET count = g.count + EXCLUDED.count,
        sum_lon = g.sum_lon + EXCLUDED.sum_lon,
        sum_lat = g.sum_lat + EXCLUDED.sum_lat,
        sum_id = g.sum_id + EXCLUDED.sum_id
$$;

CREATE FUNCTION mapping_pyramid_rebuild() RETURNS void
    LANGUAGE sql AS $$
    DELETE FROM mapping_gridcell;
    INSERT INTO mapping_gridcell
        (level, cx, cy, campaign_id, category_id, status, count, sum_lon, sum_lat, sum_id)
    SELECT l, mapping_tile_x(ST_X(location), l), mapping_tile_y(ST_Y(location), l),
           campaign_id, category_id, status, count(*), sum(ST_X(location)),
           sum(ST_Y(location)), sum(id)
    FROM mapping_proposal,
         mapping_pyramid_levels() AS levels,
         generate_series(levels.min_level, levels.max_level) AS l
    WHERE visibility = 'published'
    GROUP BY 1, 2, 3, 4, 5, 6;
$$;
"""

REVERSE_SQL = """
DROP FUNCTION mapping_pyramid_rebuild();
CREATE OR REPLACE FUNCTION mapping_grid_apply(p mapping_proposal, sign integer) RETURNS void
    LANGUAGE sql AS $$
    INSERT INTO mapping_gridcell AS g
        (level, cx, cy, campaign_id, category_id, status, count, sum_lon, sum_lat, sum_id)
    SELECT l, mapping_tile_x(ST_X(p.location), l), mapping_tile_y(ST_Y(p.location), l),
           p.campaign_id, p.category_id, p.status,
           sign, sign * ST_X(p.location), sign * ST_Y(p.location), sign * p.id
    FROM generate_series(9, 18) AS l
    ORDER BY l
    ON CONFLICT (level, cx, cy, campaign_id, category_id, status) DO UPDATE
    SET count = g.count + EXCLUDED.count,
        sum_lon = g.sum_lon + EXCLUDED.sum_lon,
        sum_lat = g.sum_lat + EXCLUDED.sum_lat,
        sum_id = g.sum_id + EXCLUDED.sum_id
$$;
DROP FUNCTION mapping_pyramid_levels();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("mapping", "0008_category_per_campaign"),
    ]

    operations = [migrations.RunSQL(PYRAMID_SQL, REVERSE_SQL)]

"""Many synthetic proposals made set-based inside PostgreSQL, for load tests and benchmarks.

One INSERT … SELECT over generate_series: Python would need minutes per 10^5 rows, SQL needs
seconds. Deterministic for a seed: PostgreSQL's setseed() fixes random().
"""

from django.db import connection, transaction

from geo.models import Area
from mapping.map_layer import pyramid_rebuild
from mapping.models import Campaign, Proposal
from mapping.services import proposal_areas_reassign_all

# Where Bærum's people live; points cluster around these (lon, lat, weight), plus a background.
CENTRES = [
    (10.5225, 59.8917, 5),  # Sandvika
    (10.5870, 59.9185, 3),  # Bekkestua
    (10.6125, 59.9080, 3),  # Stabekk
    (10.6240, 59.8960, 3),  # Fornebu
    (10.5640, 59.9000, 2),  # Høvik
    (10.5010, 59.9160, 2),  # Kolsås
    (10.5080, 59.9420, 2),  # Bærums Verk
    (10.4750, 59.9560, 2),  # Lommedalen
    (10.6050, 59.9400, 2),  # Østerås
]
BACKGROUND_SHARE = 0.15
SPREAD_M = 900


# One statement, constant: the centres come in as arrays and each point picks the first centre
# whose cumulative weight reaches its draw.
SYNTHETIC_SQL = f"""
    WITH centres AS (
        SELECT * FROM unnest(%(cumulative)s::float8[], %(lons)s::float8[], %(lats)s::float8[])
            AS c(cumulative, lon, lat)
    ), raw AS (
        SELECT g, random() AS pick, random() AS u1, random() AS u2, random() AS bg,
               random() AS cat, random() AS age
        FROM generate_series(1, %(oversample)s) AS g
    ), placed AS (
        SELECT g, cat, age,
            CASE WHEN bg < %(background)s
                 THEN %(min_lon)s + u1 * (%(max_lon)s - %(min_lon)s)
                 ELSE centre.lon + %(spread_deg)s / cos(radians(centre.lat))
                      * sqrt(-2 * ln(greatest(u1, 1e-12))) * cos(2 * pi() * u2)
            END AS lon,
            CASE WHEN bg < %(background)s
                 THEN %(min_lat)s + u2 * (%(max_lat)s - %(min_lat)s)
                 ELSE centre.lat + %(spread_deg)s * sqrt(-2 * ln(greatest(u1, 1e-12)))
                      * sin(2 * pi() * u2)
            END AS lat
        FROM raw
        CROSS JOIN LATERAL (
            SELECT lon, lat FROM centres WHERE cumulative >= pick ORDER BY cumulative LIMIT 1
        ) AS centre
    ), inside AS (
        SELECT placed.* FROM placed
        JOIN geo_area a ON a.id = %(outline)s
        WHERE ST_Intersects(a.geom, ST_SetSRID(ST_MakePoint(lon, lat), 4326))
        ORDER BY g
        LIMIT %(count)s
    )
    INSERT INTO {Proposal._meta.db_table} (campaign_id, category_id, title, body, location,
        status, visibility, answer, display_name, email, is_demo, created_at, updated_at)
    SELECT %(campaign)s,
           (%(categories)s::bigint[])[1 + floor(cat * %(n_categories)s)::int],
           'Syntetisk forslag ' || g,
           'Syntetisk forslag for last- og ytelsestester.',
           ST_SetSRID(ST_MakePoint(round(lon::numeric, 6), round(lat::numeric, 6)), 4326),
           'mottatt', 'published', '', 'Demodata', '', true,
           now() - age * interval '365 days', now()
    FROM inside
"""  # noqa: S608 - the table name from the model, values as parameters


@transaction.atomic
def synthetic_proposals_load(*, campaign: Campaign, count: int, seed: float = 0.2040) -> int:
    """Add `count` published demo proposals inside the campaign's land outline, with areas."""
    outline = Area.objects.get(pk=campaign.outline_id or campaign.boundary_id)
    category_ids = list(campaign.categories.values_list("pk", flat=True))
    total = sum(weight for _, _, weight in CENTRES)
    cumulative = [sum(w for _, _, w in CENTRES[: i + 1]) / total for i in range(len(CENTRES))]
    cumulative[-1] = 1.0  # every draw in [0, 1) finds a centre, whatever the rounding
    min_lon, min_lat, max_lon, max_lat = outline.geom.extent
    parameters = {
        "cumulative": cumulative,
        "lons": [lon for lon, _, _ in CENTRES],
        "lats": [lat for _, lat, _ in CENTRES],
        "oversample": int(count * 1.6) + 100,
        "background": BACKGROUND_SHARE,
        "min_lon": min_lon,
        "max_lon": max_lon,
        "min_lat": min_lat,
        "max_lat": max_lat,
        "spread_deg": SPREAD_M / 111_320,
        "outline": outline.pk,
        "count": count,
        "campaign": campaign.pk,
        "categories": category_ids,
        "n_categories": len(category_ids),
    }
    with connection.cursor() as cursor:
        # Row by row, the pyramid trigger would cost minutes at 10^6 rows: count once after.
        cursor.execute("SET LOCAL mapping.skip_grid_trigger = 'on'")
        cursor.execute("SELECT setseed(%s)", [seed])
        cursor.execute(SYNTHETIC_SQL, parameters)
        made = cursor.rowcount
        cursor.execute("SET LOCAL mapping.skip_grid_trigger = 'off'")
    pyramid_rebuild()
    proposal_areas_reassign_all()
    return made

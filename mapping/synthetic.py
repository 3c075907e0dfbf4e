"""Many synthetic proposals made set-based inside PostgreSQL, for load tests and benchmarks.

One INSERT … SELECT over generate_series: Python would need minutes per 10^5 rows, SQL needs
seconds. Deterministic for a seed: PostgreSQL's setseed() fixes random().

Their texts are realistic and varied, so that free-text search, themes and duplicate hints can
be measured on them: each takes a demo proposal's title and its first sentence, two more
sentences from the other demo proposals, and one of the place's names (fixtures/baerum/demo.json).
"""

import json
import re
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from geo.models import Area
from mapping.map_layer import pyramid_rebuild
from mapping.models import Campaign, Proposal
from mapping.services import proposal_areas_reassign_all

# One statement, constant: the centres come in as arrays and each point picks the first centre
# whose cumulative weight reaches its draw.
SYNTHETIC_SQL = f"""
    WITH centres AS (
        SELECT * FROM unnest(%(cumulative)s::float8[], %(lons)s::float8[], %(lats)s::float8[],
                             %(places)s::text[], %(places_in)s::text[])
            AS c(cumulative, lon, lat, place, place_in)
    ), raw AS (
        SELECT g, random() AS pick, random() AS u1, random() AS u2, random() AS bg,
               random() AS shape_draw, random() AS turn,
               1 + floor(random() * %(n_templates)s)::int AS tpl,
               1 + floor(random() * %(n_places)s)::int AS plc,
               1 + floor(random() * %(n_sentences)s)::int AS s2,
               1 + floor(random() * %(n_sentences)s)::int AS s3, random() AS age
        FROM generate_series(1, %(oversample)s) AS g
    ), placed AS (
        SELECT g, tpl, s2, s3, age, shape_draw, turn,
            -- named after the centre it clusters round; a background point after any of them
            CASE WHEN bg < %(background)s THEN (%(places)s::text[])[plc] ELSE centre.place END
                AS place,
            CASE WHEN bg < %(background)s THEN (%(places_in)s::text[])[plc] ELSE centre.place_in
                END AS place_in,
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
            SELECT lon, lat, place, place_in FROM centres
            WHERE cumulative >= pick ORDER BY cumulative LIMIT 1
        ) AS centre
    ), inside AS (
        SELECT placed.*, ST_SetSRID(ST_MakePoint(round(lon::numeric, 6), round(lat::numeric, 6)),
                                    4326) AS point
        FROM placed
        JOIN geo_area a ON a.id = %(outline)s
        WHERE ST_Intersects(a.geom, ST_SetSRID(ST_MakePoint(lon, lat), 4326))
        ORDER BY g
        LIMIT %(count)s
    ), shaped AS (
        -- A share are lines (about 300 m, through their point, any direction) and as many
        -- areas (about 90 × 90 m round their point): the map layer and filters at 10^6 with
        -- every kind (bench).
        SELECT inside.*,
            CASE WHEN shape_draw < %(shapes)s / 2 THEN 'line'
                 WHEN shape_draw < %(shapes)s THEN 'area' ELSE 'point' END AS kind,
            CASE WHEN shape_draw < %(shapes)s / 2 THEN ST_MakeLine(
                     ST_Translate(point, -0.0027 * cos(2 * pi() * turn),
                                  -0.00135 * sin(2 * pi() * turn)),
                     ST_Translate(point, 0.0027 * cos(2 * pi() * turn),
                                  0.00135 * sin(2 * pi() * turn)))
                 WHEN shape_draw < %(shapes)s THEN ST_Envelope(ST_Expand(point, 0.0008, 0.0004))
            END AS shape
        FROM inside
    )
    INSERT INTO {Proposal._meta.db_table} (campaign_id, category_id, title, body, location,
        kind, shape, area_m2, length_m,
        status, visibility, answer, display_name, email, is_demo, created_at, updated_at)
    SELECT %(campaign)s,
           (%(categories)s::bigint[])[tpl],
           -- a title without a place gets one: "Lekeplass for de minste på Fornebu"
           left(replace(replace(CASE WHEN strpos((%(titles)s::text[])[tpl], '{{') = 0
                THEN (%(titles)s::text[])[tpl] || ' ' || place_in
                ELSE (%(titles)s::text[])[tpl] END, '{{sted}}', place),
                '{{i_sted}}', place_in), 120),
           replace(replace(concat_ws(' ', (%(firsts)s::text[])[tpl],
                (%(sentences)s::text[])[s2], (%(sentences)s::text[])[s3]),
                '{{sted}}', place), '{{i_sted}}', place_in),
           point, kind, shape,
           CASE WHEN kind = 'area' THEN round(ST_Area(shape::geography)) END,
           CASE WHEN kind = 'line' THEN round(ST_Length(shape::geography)) END,
           'mottatt', 'published', '', 'Demodata', '', true,
           now() - age * interval '365 days', now()
    FROM shaped
"""  # noqa: S608 - the table name from the model, values as parameters


@transaction.atomic
def synthetic_proposals_load(
    *, campaign: Campaign, count: int, seed: float = 0.2040, shapes: float = 0.0
) -> int:
    """Add `count` published demo proposals inside the campaign's land outline, with areas; a
    share `shapes` of them lines and areas, half each."""
    outline = Area.objects.get(pk=campaign.outline_id or campaign.boundary_id)
    min_lon, min_lat, max_lon, max_lat = outline.geom.extent
    parameters = {
        "oversample": int(count * 1.6) + 100,
        "min_lon": min_lon,
        "max_lon": max_lon,
        "min_lat": min_lat,
        "max_lat": max_lat,
        "outline": outline.pk,
        "count": count,
        "campaign": campaign.pk,
        "shapes": shapes,
        **_demo_arrays(campaign),
    }
    with connection.cursor() as cursor:
        # Row by row, the pyramid trigger would cost minutes at 10^6 rows: count once after.
        # The kept counts skip it too; proposal_areas_reassign_all recounts them.
        cursor.execute("SET LOCAL mapping.skip_grid_trigger = 'on'")
        cursor.execute("SELECT setseed(%s)", [seed])
        cursor.execute(SYNTHETIC_SQL, parameters)
        made = cursor.rowcount
        cursor.execute("SET LOCAL mapping.skip_grid_trigger = 'off'")
    pyramid_rebuild()
    proposal_areas_reassign_all()
    return made


DEMO_TEXTS = Path(settings.BASE_DIR) / "fixtures" / "baerum" / "demo.json"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _demo_arrays(campaign: Campaign, path: Path = DEMO_TEXTS) -> dict:
    """The demo file as the statement's arrays: where people live (centres, weights, spread,
    background share, names and their "i <sted>" forms), and the proposals' titles, first
    sentences and categories (by template) and all their other sentences."""
    demo = json.loads(path.read_text(encoding="utf-8"))
    centres = demo["centres"]
    total = sum(c["weight"] for c in centres)
    cumulative = [sum(c["weight"] for c in centres[: i + 1]) / total for i in range(len(centres))]
    cumulative[-1] = 1.0  # every draw in [0, 1) finds a centre, whatever the rounding
    categories = dict(campaign.categories.values_list("slug", "pk"))
    fallback = next(iter(categories.values()))
    templates = demo["proposals"]
    split = [SENTENCE_END.split(t["body"]) for t in templates]
    sentences = [sentence for parts in split for sentence in parts[1:]] or ["."]
    return {
        "cumulative": cumulative,
        "lons": [c["lon"] for c in centres],
        "lats": [c["lat"] for c in centres],
        "places": [c["name"] for c in centres],
        "places_in": [c["in"] for c in centres],
        "n_places": len(centres),
        "spread_deg": demo["spread_m"] / 111_320,
        "background": demo["background_share"],
        "titles": [t["title"] for t in templates],
        "firsts": [parts[0] for parts in split],
        "categories": [categories.get(t["category"], fallback) for t in templates],
        "n_templates": len(templates),
        "sentences": sentences,
        "n_sentences": len(sentences),
    }

-- A longitude's XYZ tile column at a zoom level (Web Mercator): the one formula for the
-- pyramid and the on-the-fly tiles.
CREATE OR REPLACE FUNCTION public.mapping_tile_x(lon double precision, level integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$ SELECT floor((lon + 180.0) / 360.0 * (1 << level))::integer $function$;

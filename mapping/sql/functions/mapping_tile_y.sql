-- A latitude's XYZ tile row at a zoom level (Web Mercator).
CREATE OR REPLACE FUNCTION public.mapping_tile_y(lat double precision, level integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$ SELECT floor((1.0 - ln(tan(radians(lat)) + 1.0 / cos(radians(lat))) / pi()) / 2.0
                       * (1 << level))::integer $function$;

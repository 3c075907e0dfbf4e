-- The zoom levels the count pyramid keeps: one definition for the trigger, the rebuild and the
-- tiles.
CREATE OR REPLACE FUNCTION public.mapping_pyramid_levels(OUT min_level integer, OUT max_level integer)
 RETURNS record
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$ SELECT 9, 18 $function$;

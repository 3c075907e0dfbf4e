-- Raises the write version once per writing statement: answers cached under it (tiles, stats,
-- hotspots) stay exact until the next write to proposals or their area links.
CREATE OR REPLACE FUNCTION public.mapping_counts_version_raise()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    UPDATE mapping_countsversion SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$function$;

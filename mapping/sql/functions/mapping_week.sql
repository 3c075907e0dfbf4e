-- The week of a time, as TruncWeek gives it: the Monday in Norwegian time.
CREATE OR REPLACE FUNCTION public.mapping_week(created timestamp with time zone)
 RETURNS date
 LANGUAGE sql
 STABLE PARALLEL SAFE
AS $function$ SELECT date_trunc('week', created AT TIME ZONE 'Europe/Oslo')::date $function$;


-- A text's Norwegian stems and each pair of stems that stood next to each other, once each;
-- IMMUTABLE, so that the stored generated column Proposal.terms can use it.
CREATE OR REPLACE FUNCTION public.mapping_terms(title text, body text)
 RETURNS tsvector
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    WITH stems AS (
        SELECT lexeme, unnest(positions) AS pos
        FROM unnest(to_tsvector('norwegian'::regconfig, coalesce(title, ''))
                    || to_tsvector('norwegian'::regconfig, coalesce(body, '')))
    )
    SELECT coalesce(array_to_tsvector(array_agg(DISTINCT term)), ''::tsvector) FROM (
        SELECT lexeme AS term FROM stems
        UNION ALL
        SELECT a.lexeme || ' ' || b.lexeme FROM stems AS a JOIN stems AS b ON b.pos = a.pos + 1
    ) AS terms
$function$;

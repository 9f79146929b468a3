-- The rows of result-inputs.sql (filled in as inputs) as one JSON array, for the embedded backend
-- (inputs.ts): PGlite decodes a row field by field in JavaScript and copies it between threads,
-- about 2 µs a field; one string of the same values is read several times faster. Every column is
-- text, integer, double precision or boolean, which JSON keeps exactly (a double is printed
-- shortest-exact, as in the row format). The server decodes rows faster than it builds JSON.
SELECT coalesce(json_agg(r ORDER BY r.facility_id), '[]')::text AS page FROM (
{{inputs}}
) r

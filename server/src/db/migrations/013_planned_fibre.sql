-- Issue 10 "Fibre that is coming": planned routes (status planned, with a year) cut into pieces
-- like built ones, and each facility's nearest planned route, so a phased option can be costed.
CREATE TABLE plan_planned_piece (
  id        serial PRIMARY KEY,
  route_id  text NOT NULL,
  year      integer NOT NULL,
  geom      geometry(LineString, 4326) NOT NULL,
  geog      geography(LineString, 4326) NOT NULL
);
CREATE INDEX plan_planned_piece_geog ON plan_planned_piece USING gist (geog);

ALTER TABLE plan_measure ADD COLUMN planned_route_id text;
ALTER TABLE plan_measure ADD COLUMN planned_distance_m double precision;
ALTER TABLE plan_measure ADD COLUMN planned_year integer;

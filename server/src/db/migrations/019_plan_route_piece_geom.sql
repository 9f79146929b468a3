-- A flat (geometry) index on the built-route pieces: a settlement's nearest piece in degrees, found
-- cheaply, bounds its geography KNN scan for the nearest built route (settlement-measures.sql).
CREATE INDEX plan_route_piece_geom ON plan_route_piece USING gist (geom);

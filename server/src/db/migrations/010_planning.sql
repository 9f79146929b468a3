-- Gap engine state (docs/planning-model.md). Measures (spatial, costly) and results (costs, scores,
-- ranks: cheap) are stored apart so a parameter change that only touches costs keeps the measures.

-- Every parameter set a run used, by its stable hash, so a stored result can be explained later.
CREATE TABLE plan_parameter_set (
  hash        text PRIMARY KEY,
  params      jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- One row: what the current measures and results were computed from.
CREATE TABLE plan_state (
  id               integer PRIMARY KEY CHECK (id = 1),
  spatial_hash     text,             -- hash of the parameters the measures depend on
  input_versions   jsonb,            -- layer_version + row count per spatial input layer
  parameter_hash   text REFERENCES plan_parameter_set (hash),
  measured_at      timestamptz,
  computed_at      timestamptz
);

-- Built fibre cut into short pieces: KNN on short lines is sharp and their geodesic distance cheap.
CREATE TABLE plan_route_piece (
  id        serial PRIMARY KEY,
  route_id  text NOT NULL,
  geom      geometry(LineString, 4326) NOT NULL,
  geog      geography(LineString, 4326) NOT NULL
);
CREATE INDEX plan_route_piece_geog ON plan_route_piece USING gist (geog);

-- Coverage polygons cut into small pieces: point-in-polygon on pieces is far faster.
CREATE TABLE plan_coverage_piece (
  id          serial PRIMARY KEY,
  coverage_id text NOT NULL,
  technology  text NOT NULL,
  tech_rank   smallint NOT NULL,     -- 5G 4, 4G 3, 3G 2, 2G 1: "best" is the highest
  geom        geometry(Polygon, 4326) NOT NULL
);
CREATE INDEX plan_coverage_piece_geom ON plan_coverage_piece USING gist (geom);

-- Per settlement: does fibre reach it (the radius test is applied later, as it is a parameter).
CREATE TABLE plan_settlement (
  settlement_id      text PRIMARY KEY,
  pop_in_settlement  boolean NOT NULL,
  pop_distance_m     double precision,
  route_distance_m   double precision,
  mobile_technology  text
);

-- Per facility spatial measures, with what they were computed from.
CREATE TABLE plan_measure (
  facility_id        text PRIMARY KEY,
  row_hash           text NOT NULL,     -- md5 of the facility row: a changed row is re-measured
  settlement_id      text,
  attach_method      text NOT NULL CHECK (attach_method IN ('given', 'nearest', 'orphan')),
  attach_distance_m  double precision,
  admin1_id          text,
  admin2_id          text,
  pop_id             text,
  pop_distance_m     double precision,
  pop_lon            double precision,
  pop_lat            double precision,
  route_id           text,
  route_distance_m   double precision,
  splice_lon         double precision,
  splice_lat         double precision,
  road_path_pop_m    double precision,  -- null: no road path (then geodesic × route factor)
  road_path_splice_m double precision,
  road_snap_m        double precision,  -- how far the facility was from the road it was snapped to
  road_note          text,
  mobile_technology  text,
  spatial_hash       text NOT NULL
);

-- Per facility result of the current parameter set: what the lists, exports and OGC read.
CREATE TABLE plan_result (
  facility_id        text PRIMARY KEY,
  name               text,
  name_ru            text,
  name_kk            text,
  name_en            text,
  search_text        text NOT NULL,     -- names lower-cased in TS: same on every collation
  kind               text NOT NULL,
  subkind            text,
  settlement_id      text,
  settlement_name    text,
  admin1_id          text,
  admin2_id          text,
  gap_class          text NOT NULL,
  technology         text,
  capex_usd          double precision,
  opex_usd_per_year  double precision,
  tco_usd            double precision,
  tco_kzt            double precision,
  beneficiaries      double precision NOT NULL,
  score              double precision,
  rank               integer,
  provenance         text NOT NULL,
  geom               geometry(Point, 4326) NOT NULL,
  parameter_hash     text NOT NULL
);
CREATE INDEX plan_result_rank ON plan_result (rank);
CREATE INDEX plan_result_admin1 ON plan_result (admin1_id, rank);
CREATE INDEX plan_result_admin2 ON plan_result (admin2_id, rank);
CREATE INDEX plan_result_class ON plan_result (gap_class, rank);
CREATE INDEX plan_result_geom ON plan_result USING gist (geom);

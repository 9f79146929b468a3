-- Foundation schema: the planning inputs of docs/planning-model.md ("Inputs") plus basemap layers.
-- Every row keeps its source: dataset_id (→ dataset: title, licence, origin) and its own provenance,
-- because one dataset can mix real and estimated values (e.g. OSM populations vs. our estimates).

CREATE TABLE dataset (
  id           text PRIMARY KEY,
  layer        text NOT NULL,
  title        text NOT NULL,
  licence      text NOT NULL,
  attribution  text,
  origin       text,
  provenance   text NOT NULL CHECK (provenance IN ('real', 'estimated', 'illustrative')),
  imported_at  timestamptz NOT NULL DEFAULT now()
);

-- Bumped by every import that changes a layer; the planner recomputes only what depends on it.
CREATE TABLE layer_version (
  layer       text PRIMARY KEY,
  version     bigint NOT NULL DEFAULT 0,
  changed_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE region_admin1 (
  id           text PRIMARY KEY,            -- OCHA P-code, e.g. KZ15
  kato         text,
  name_en      text NOT NULL,
  name_kk      text,
  name_ru      text,
  geom         geometry(MultiPolygon, 4326) NOT NULL,
  dataset_id   text NOT NULL REFERENCES dataset (id),
  provenance   text NOT NULL CHECK (provenance IN ('real', 'estimated', 'illustrative')),
  properties   jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX region_admin1_geom ON region_admin1 USING gist (geom);

CREATE TABLE region_admin2 (
  id           text PRIMARY KEY,            -- OCHA P-code, e.g. KZ156400
  admin1_id    text,
  kato         text,
  name_en      text NOT NULL,
  name_kk      text,
  name_ru      text,
  geom         geometry(MultiPolygon, 4326) NOT NULL,
  dataset_id   text NOT NULL REFERENCES dataset (id),
  provenance   text NOT NULL CHECK (provenance IN ('real', 'estimated', 'illustrative')),
  properties   jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX region_admin2_geom ON region_admin2 USING gist (geom);
CREATE INDEX region_admin2_admin1 ON region_admin2 (admin1_id);

CREATE TABLE settlement (
  id                     text PRIMARY KEY,  -- KATO code where known, else source id (osm:node/…)
  kato                   text,
  name                   text,
  name_ru                text,
  name_kk                text,
  name_en                text,
  place                  text,              -- city, town, village, hamlet, isolated_dwelling
  population             integer CHECK (population >= 0),
  population_provenance  text CHECK (population_provenance IN ('real', 'estimated', 'illustrative')),
  admin1_id              text,
  admin2_id              text,
  is_hub                 boolean NOT NULL DEFAULT false,   -- опорное СНП
  geom                   geometry(Point, 4326) NOT NULL,
  dataset_id             text NOT NULL REFERENCES dataset (id),
  provenance             text NOT NULL CHECK (provenance IN ('real', 'estimated', 'illustrative')),
  properties             jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX settlement_geom ON settlement USING gist (geom);
CREATE INDEX settlement_geog ON settlement USING gist ((geom::geography));
CREATE INDEX settlement_admin2 ON settlement (admin2_id);

CREATE TABLE facility (
  id                 text PRIMARY KEY,
  kind               text NOT NULL CHECK (kind IN ('school', 'health', 'library', 'community', 'other')),
  subkind            text,                  -- hub_school, small_class_school, fap, hospital, …
  name               text,
  name_ru            text,
  name_kk            text,
  name_en            text,
  settlement_id      text,                  -- may be resolved later by location (planning model)
  students           integer CHECK (students >= 0),
  staff              integer CHECK (staff >= 0),
  population_served  integer CHECK (population_served >= 0),
  connection         text NOT NULL DEFAULT 'unknown'
                     CHECK (connection IN ('none', 'satellite', 'mobile', 'dsl', 'fibre', 'unknown')),
  measured_mbps      double precision CHECK (measured_mbps >= 0),
  geom               geometry(Point, 4326) NOT NULL,
  dataset_id         text NOT NULL REFERENCES dataset (id),
  provenance         text NOT NULL CHECK (provenance IN ('real', 'estimated', 'illustrative')),
  properties         jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX facility_geom ON facility USING gist (geom);
CREATE INDEX facility_geog ON facility USING gist ((geom::geography));
CREATE INDEX facility_settlement ON facility (settlement_id);

CREATE TABLE fibre_route (
  id          text PRIMARY KEY,
  operator    text,
  status      text NOT NULL DEFAULT 'built' CHECK (status IN ('built', 'planned')),
  year        integer,
  programme   text,
  geom        geometry(MultiLineString, 4326) NOT NULL,
  dataset_id  text NOT NULL REFERENCES dataset (id),
  provenance  text NOT NULL CHECK (provenance IN ('real', 'estimated', 'illustrative')),
  properties  jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX fibre_route_geom ON fibre_route USING gist (geom);
CREATE INDEX fibre_route_geog ON fibre_route USING gist ((geom::geography));

CREATE TABLE fibre_pop (
  id             text PRIMARY KEY,
  operator       text,
  kind           text NOT NULL DEFAULT 'other' CHECK (kind IN ('olt', 'odf', 'splice', 'other')),
  settlement_id  text,
  geom           geometry(Point, 4326) NOT NULL,
  dataset_id     text NOT NULL REFERENCES dataset (id),
  provenance     text NOT NULL CHECK (provenance IN ('real', 'estimated', 'illustrative')),
  properties     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX fibre_pop_geom ON fibre_pop USING gist (geom);
CREATE INDEX fibre_pop_geog ON fibre_pop USING gist ((geom::geography));

CREATE TABLE mobile_coverage (
  id          text PRIMARY KEY,
  operator    text,
  technology  text NOT NULL CHECK (technology IN ('2G', '3G', '4G', '5G')),
  geom        geometry(MultiPolygon, 4326) NOT NULL,
  dataset_id  text NOT NULL REFERENCES dataset (id),
  provenance  text NOT NULL CHECK (provenance IN ('real', 'estimated', 'illustrative')),
  properties  jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX mobile_coverage_geom ON mobile_coverage USING gist (geom);

CREATE TABLE road (
  id          text PRIMARY KEY,
  road_class  text,
  geom        geometry(MultiLineString, 4326) NOT NULL,
  dataset_id  text NOT NULL REFERENCES dataset (id),
  provenance  text NOT NULL CHECK (provenance IN ('real', 'estimated', 'illustrative')),
  properties  jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX road_geom ON road USING gist (geom);

CREATE TABLE railway (
  id          text PRIMARY KEY,
  status      text,
  tracks      integer,
  geom        geometry(MultiLineString, 4326) NOT NULL,
  dataset_id  text NOT NULL REFERENCES dataset (id),
  provenance  text NOT NULL CHECK (provenance IN ('real', 'estimated', 'illustrative')),
  properties  jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX railway_geom ON railway USING gist (geom);

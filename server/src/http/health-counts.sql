-- What /api/health tells a signed-in operator, in one round trip: server versions and the rows of
-- every layer (the layer tables are named by the layer catalogue, spliced in by health-routes.ts).
SELECT current_setting('server_version') AS postgres, postgis_lib_version() AS postgis, {{counts}}

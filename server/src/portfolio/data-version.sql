-- The version of every input layer: stored with each scenario run so a result names its data.
SELECT layer, version FROM layer_version ORDER BY layer

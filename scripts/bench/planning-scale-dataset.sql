-- The dataset row of the synthetic scale-up (planning-scale.ts): copies of the bundled data, illustrative.
INSERT INTO dataset (id, layer, title, licence, origin, provenance)
VALUES ('synthetic-scale', 'synthetic', 'synthetic scale-up: shifted copies of the bundled settlements and facilities (benchmark only)',
        'as the bundled data', 'scripts/bench/planning-scale.ts', 'illustrative')
ON CONFLICT (id) DO NOTHING

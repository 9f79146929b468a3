-- What the cut-up copies `:pieces` were just cut from (piece-source.sql), in the transaction that cut them.
INSERT INTO plan_piece_source (pieces, fingerprint) VALUES (:pieces, :fingerprint)
ON CONFLICT (pieces) DO UPDATE SET fingerprint = EXCLUDED.fingerprint

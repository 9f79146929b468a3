INSERT INTO known_device (id_hash, user_id) VALUES (:id_hash, :user_id)
ON CONFLICT (id_hash) DO UPDATE SET last_used_at = now()

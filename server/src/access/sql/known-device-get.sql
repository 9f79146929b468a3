-- Is this device cookie one that signed in to this user before? Touches it when it is.
UPDATE known_device SET last_used_at = now()
WHERE id_hash = :id_hash AND user_id = :user_id
RETURNING id_hash

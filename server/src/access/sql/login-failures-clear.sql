-- A success, or an administrator's unlock: forget the counters of a login (for one client, or all).
DELETE FROM login_failure
WHERE account = :account AND (:client::text IS NULL OR client = :client)

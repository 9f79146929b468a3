-- Interrupts the statement a pooled connection runs for a request that was abandoned or ran out
-- of time (server-database.ts). A connection that is idle by then is left as it is.
SELECT pg_cancel_backend(:pid::int)

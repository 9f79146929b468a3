-- Sessions dead for a month serve no audit purpose (the audit log keeps sign-ins): drop them.
DELETE FROM user_session WHERE expires_at < now() - interval '30 days' OR revoked_at < now() - interval '30 days'

SELECT count(*)::int AS n FROM app_user

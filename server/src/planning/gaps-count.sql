SELECT count(*)::int AS total FROM plan_result r WHERE {{filter}} AND {{after}}

-- Status of every site the caller may see (SSE poll); same scope rules as site-get.sql.
SELECT st.site_id, st.status, st.status_since, st.last_polled_at, s.interval_s
FROM site_state st
JOIN monitored_site s ON s.id = st.site_id
LEFT JOIN facility f ON f.id = s.facility_id
LEFT JOIN settlement se ON se.id = f.settlement_id
WHERE (:regions::text[] IS NULL OR se.admin1_id = ANY(:regions))
  AND (:site_ids::text[] IS NULL OR s.id = ANY(:site_ids))

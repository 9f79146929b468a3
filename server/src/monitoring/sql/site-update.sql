-- Change the given fields of one monitored site (PATCH /api/sites/{id}). The fields parameter lists the columns the
-- request set; every other column keeps its value. A field given as null clears a nullable column.
-- One static statement, so nothing from the request ever becomes SQL text.
UPDATE monitored_site SET
  facility_id     = CASE WHEN 'facility_id'     = ANY (:fields::text[]) THEN :facility_id::text               ELSE facility_id END,
  name            = CASE WHEN 'name'            = ANY (:fields::text[]) THEN :name::text                      ELSE name END,
  host            = CASE WHEN 'host'            = ANY (:fields::text[]) THEN :host::text                      ELSE host END,
  port            = CASE WHEN 'port'            = ANY (:fields::text[]) THEN :port::integer                   ELSE port END,
  interval_s      = CASE WHEN 'interval_s'      = ANY (:fields::text[]) THEN :interval_s::integer             ELSE interval_s END,
  timeout_s       = CASE WHEN 'timeout_s'       = ANY (:fields::text[]) THEN :timeout_s::double precision     ELSE timeout_s END,
  committed_mbps  = CASE WHEN 'committed_mbps'  = ANY (:fields::text[]) THEN :committed_mbps::double precision ELSE committed_mbps END,
  sla_target      = CASE WHEN 'sla_target'      = ANY (:fields::text[]) THEN :sla_target::double precision    ELSE sla_target END,
  operator        = CASE WHEN 'operator'        = ANY (:fields::text[]) THEN :operator::text                  ELSE operator END,
  contract        = CASE WHEN 'contract'        = ANY (:fields::text[]) THEN :contract::text                  ELSE contract END,
  contact_phone   = CASE WHEN 'contact_phone'   = ANY (:fields::text[]) THEN :contact_phone::text             ELSE contact_phone END,
  schedule        = CASE WHEN 'schedule'        = ANY (:fields::text[]) THEN :schedule::jsonb                 ELSE schedule END,
  parent_id       = CASE WHEN 'parent_id'       = ANY (:fields::text[]) THEN :parent_id::text                 ELSE parent_id END,
  wan_if_index    = CASE WHEN 'wan_if_index'    = ANY (:fields::text[]) THEN :wan_if_index::integer           ELSE wan_if_index END,
  wan_if_name     = CASE WHEN 'wan_if_name'     = ANY (:fields::text[]) THEN :wan_if_name::text               ELSE wan_if_name END,
  snmp_version    = CASE WHEN 'snmp_version'    = ANY (:fields::text[]) THEN :snmp_version::text              ELSE snmp_version END,
  credentials_enc = CASE WHEN 'credentials_enc' = ANY (:fields::text[]) THEN :credentials_enc::text           ELSE credentials_enc END,
  auth_protocol   = CASE WHEN 'auth_protocol'   = ANY (:fields::text[]) THEN :auth_protocol::text             ELSE auth_protocol END,
  priv_protocol   = CASE WHEN 'priv_protocol'   = ANY (:fields::text[]) THEN :priv_protocol::text             ELSE priv_protocol END,
  updated_at      = now()
WHERE id = :id

-- The SLA target becomes a ratio like every availability figure the API returns (0.99 = 99 %),
-- so clients compare availability >= slaTarget without a unit conversion. Percent values
-- stored under 020 are converted.
ALTER TABLE monitored_site DROP CONSTRAINT monitored_site_sla_target_check;
UPDATE monitored_site SET sla_target = sla_target / 100 WHERE sla_target > 1;
ALTER TABLE monitored_site ALTER COLUMN sla_target SET DEFAULT 0.99;
ALTER TABLE monitored_site ADD CONSTRAINT monitored_site_sla_target_check CHECK (sla_target > 0 AND sla_target <= 1);

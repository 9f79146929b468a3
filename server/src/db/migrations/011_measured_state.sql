-- Feedback from monitoring to planning (issue 5 item 8): the measured state a result was computed
-- with, and the fingerprint of all of them, so a change of measured state alone reruns the costs.
ALTER TABLE plan_state ADD COLUMN measured_state_hash text;
ALTER TABLE plan_result ADD COLUMN measured_state text
  CHECK (measured_state IN ('ok', 'idle', 'chronically_unavailable', 'down'));
ALTER TABLE plan_result ADD COLUMN measured boolean;
ALTER TABLE plan_result ADD COLUMN measured_flag text CHECK (measured_flag IN ('idle', 'unreliable'));

-- Interface error counters of the WAN port (ifInErrors / ifOutErrors, Counter32), polled since
-- the poll table (monitoring/poll-table.ts): the error rate is what a NOC checks first on a radio link.
ALTER TABLE poll_sample ADD COLUMN in_errors bigint, ADD COLUMN out_errors bigint;

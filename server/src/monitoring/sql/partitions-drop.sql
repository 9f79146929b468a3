-- Drops the day partitions of poll_sample wholly before the cut (epoch ms); how many were dropped.
SELECT poll_sample_drop_partitions(to_timestamp(:cut_ms / 1000.0)) AS n

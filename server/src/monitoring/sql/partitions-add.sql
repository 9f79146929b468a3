-- Day partitions of poll_sample over the given days (idempotent); how many were made.
SELECT poll_sample_add_partitions(:from_day::date, :to_day::date) AS made

-- Every ranked facility's rank, in bulk (COPY text, db/copy-text.ts; result-write.ts writeRanks).
COPY plan_rank (facility_id, rank) FROM STDIN

-- Every site's parent, to refuse a parent chain that loops.
SELECT id, parent_id FROM monitored_site

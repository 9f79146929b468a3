-- Gives slots back (over the fair share, or on a clean stop) so another agent takes them at once.
DELETE FROM agent_lease WHERE agent_id = :agent_id AND slot = ANY(:slots::int[])

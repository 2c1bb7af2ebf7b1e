-- Version 8: counting a campaign's findings per request joins answers by request to their
-- findings by answer id. SQLite's indexes carry the row id already; here the index carries
-- it too, so the count reads indexes only instead of visiting every answer's row.
CREATE INDEX answers_request_outcome_covering ON answers(request_id, outcome) INCLUDE (id);
DROP INDEX answers_request_outcome;
ALTER INDEX answers_request_outcome_covering RENAME TO answers_request_outcome;

-- Version 13: a campaign's matrix, report and export join its answers (by question) to their
-- findings (by answer) and those to their tags. With each index carrying the row's id the
-- join reads indexes only: on the national dataset a campaign's cells with their tags went
-- from 12 ms to 6 ms on the server, half the cost of a CSV export. The answers' index by
-- request carries the question too: covering only by question, the list of a campaign's
-- findings was planned as a scan of every campaign's answers (37 ms instead of 10).
CREATE INDEX answers_cell_covering ON answers(question_id, request_id, outcome, exemptions) INCLUDE (id);
DROP INDEX answers_cell;
ALTER INDEX answers_cell_covering RENAME TO answers_cell;
CREATE INDEX findings_answer_covering ON findings(answer_id) INCLUDE (id);
DROP INDEX findings_answer;
ALTER INDEX findings_answer_covering RENAME TO findings_answer;
CREATE INDEX answers_request_outcome_covering ON answers(request_id, outcome) INCLUDE (id, question_id);
DROP INDEX answers_request_outcome;
ALTER INDEX answers_request_outcome_covering RENAME TO answers_request_outcome;

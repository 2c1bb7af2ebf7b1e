-- A campaign's numbers read that campaign's index entries, not its letters: answers carry
-- 1-4 KB of text each, so counting outcomes from the table reads nearly every page of it.
-- These covering indexes hold what the board, the matrix, the report and the CSV count.

CREATE INDEX answers_request_outcome ON answers(request_id, outcome);
CREATE INDEX answers_cell ON answers(question_id, request_id, outcome, exemptions);
DROP INDEX answers_question;

-- `due` finds the requests that can still be due from the kinds of their events alone.
CREATE INDEX events_request_kind ON events(request_id, kind);

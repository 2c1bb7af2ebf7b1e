-- Version 15: each finding, and each of its tags, carries the question its answer is to. A
-- campaign's findings and tags are then read as a few ranges of an index (one per question)
-- instead of one look-up per answer and another per finding: the cells of a campaign's
-- spreadsheet, report and codebook. The column is derived, never written by the program:
-- triggers take it from the answer (an answer's question never changes), and put it right
-- whatever an insert or an undo brought with it.
-- (SQLite adds a NOT NULL column only with a default: 0 stands for the instant between a
-- row's insert and its trigger.)
ALTER TABLE findings ADD COLUMN question_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE finding_tags ADD COLUMN question_id INTEGER NOT NULL DEFAULT 0;
UPDATE findings SET question_id =
    (SELECT a.question_id FROM answers a WHERE a.id = findings.answer_id);
UPDATE finding_tags SET question_id =
    (SELECT f.question_id FROM findings f WHERE f.id = finding_tags.finding_id);
CREATE INDEX findings_question ON findings(question_id, answer_id, id);
CREATE INDEX finding_tags_question ON finding_tags(question_id, finding_id, tag_id);

CREATE TRIGGER findings_question_insert AFTER INSERT ON findings BEGIN
    UPDATE findings SET question_id =
        (SELECT a.question_id FROM answers a WHERE a.id = NEW.answer_id)
    WHERE id = NEW.id;
END;
-- A finding moved to another answer, or given another question, gets its answer's question
-- back, and its tags follow (a trigger does not fire itself again: SQLite's
-- recursive_triggers is off).
CREATE TRIGGER findings_question_update AFTER UPDATE OF answer_id, question_id ON findings
WHEN OLD.answer_id IS NOT NEW.answer_id
  OR NEW.question_id IS NOT (SELECT a.question_id FROM answers a WHERE a.id = NEW.answer_id)
BEGIN
    UPDATE findings SET question_id =
        (SELECT a.question_id FROM answers a WHERE a.id = NEW.answer_id)
    WHERE id = NEW.id;
    UPDATE finding_tags SET question_id =
        (SELECT a.question_id FROM answers a WHERE a.id = NEW.answer_id)
    WHERE finding_id = NEW.id;
END;
CREATE TRIGGER finding_tags_question_insert AFTER INSERT ON finding_tags BEGIN
    UPDATE finding_tags SET question_id =
        (SELECT f.question_id FROM findings f WHERE f.id = NEW.finding_id)
    WHERE id = NEW.id;
END;
CREATE TRIGGER finding_tags_question_update AFTER UPDATE OF finding_id, question_id ON finding_tags
WHEN NEW.question_id IS NOT (SELECT f.question_id FROM findings f WHERE f.id = NEW.finding_id)
BEGIN
    UPDATE finding_tags SET question_id =
        (SELECT f.question_id FROM findings f WHERE f.id = NEW.finding_id)
    WHERE id = NEW.id;
END;

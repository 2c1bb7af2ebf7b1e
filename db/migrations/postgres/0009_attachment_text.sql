-- Version 9: an attachment's text, read when the mail is imported (a PDF's text layer, a Word
-- letter, a scan through OCR), so the split into questions, proposals, `mail show` and search
-- read the letter without anyone opening the file; and how it was read, or why not.
ALTER TABLE attachments ADD COLUMN text TEXT NOT NULL DEFAULT '';
ALTER TABLE attachments ADD COLUMN text_note TEXT NOT NULL DEFAULT '';

-- Letters foiboard sends are correspondence too: kept beside the received messages, so a
-- request's detail shows both ways, a reply that cites one of ours (In-Reply-To/References)
-- finds its request, and a bulk send interrupted half way knows what went.

-- 'received' (imported) or 'sent' (a letter foiboard sent).
ALTER TABLE messages ADD COLUMN direction TEXT NOT NULL DEFAULT 'received'
    CHECK (direction IN ('received', 'sent'));
-- Who a sent letter went to.
ALTER TABLE messages ADD COLUMN recipient TEXT NOT NULL DEFAULT '';
-- Which letter it was (request, chase, review, complaint), for a sent one.
ALTER TABLE messages ADD COLUMN letter TEXT NOT NULL DEFAULT '';
-- A sent letter is 'pending' from just before it is handed to the mail server until the
-- server takes it; one left pending by an interruption is sent again, with the same
-- Message-ID, by the next run.
ALTER TABLE messages ADD COLUMN delivery TEXT NOT NULL DEFAULT ''
    CHECK (delivery IN ('', 'pending', 'sent'));
-- The Message-IDs a received message answers (In-Reply-To, then References), space-separated.
ALTER TABLE messages ADD COLUMN replies_to TEXT NOT NULL DEFAULT '';
CREATE INDEX messages_letters ON messages(request_id, letter) WHERE direction = 'sent';

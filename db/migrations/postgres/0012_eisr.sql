-- Version 12: the Scottish EIRs are a regime of their own ('eisr'): a body's and a request's
-- regime CHECK takes the new word.
ALTER TABLE bodies DROP CONSTRAINT bodies_regime_check;
ALTER TABLE bodies ADD CONSTRAINT bodies_regime_check
    CHECK (regime IN ('foia', 'eir', 'foisa', 'eisr'));
ALTER TABLE requests DROP CONSTRAINT requests_regime_check;
ALTER TABLE requests ADD CONSTRAINT requests_regime_check
    CHECK (regime IS NULL OR regime IN ('foia', 'eir', 'foisa', 'eisr'));

-- What kind of business a deal was: new, expansion, renewal or churn ('' when unknown).
ALTER TABLE deals ADD COLUMN deal_type TEXT NOT NULL DEFAULT ''
    CHECK (deal_type IN ('', 'new', 'expansion', 'renewal', 'churn'));

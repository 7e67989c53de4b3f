-- Evidence on battle-card claims: each bullet and objection answer can name its source, the day
-- it was last confirmed and how sure we are of it ('' when not said).
ALTER TABLE card_items ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE card_items ADD COLUMN confirmed TEXT NOT NULL DEFAULT '';
ALTER TABLE card_items ADD COLUMN confidence TEXT NOT NULL DEFAULT ''
    CHECK (confidence IN ('', 'fact', 'inference', 'rumour'));

-- The 30-second read (at most three lines) and the claims not to make (a JSON array).
ALTER TABLE cards ADD COLUMN quick_read TEXT NOT NULL DEFAULT '';
ALTER TABLE cards ADD COLUMN do_not_say TEXT NOT NULL DEFAULT '[]';

-- What sales ask about a competitor's pricing beyond its price list.
ALTER TABLE competitors ADD COLUMN pricing_visibility TEXT NOT NULL DEFAULT ''
    CHECK (pricing_visibility IN ('', 'public', 'partial', 'on_request'));
ALTER TABLE competitors ADD COLUMN trial_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE competitors ADD COLUMN freemium TEXT NOT NULL DEFAULT '' CHECK (freemium IN ('', 'yes', 'no'));
ALTER TABLE competitors ADD COLUMN typical_discount_percent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE competitors ADD COLUMN contract_terms TEXT NOT NULL DEFAULT '';

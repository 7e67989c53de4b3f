-- Deal tallies kept as deals are written, so summaries read a few rows instead of every deal.
-- Win/loss per competitor: A deal counts once for each competitor it faced, under
-- its outcome and close date: by month, and by day for the partial months at a window's ends.
-- Triggers keep both in the transaction of every write to deals and deal_competitors (a bulk
-- import suspends them and counts again at its end); a row whose count falls to zero is removed.
-- month is 'YYYY-MM', day 'YYYY-MM-DD'.
CREATE TABLE IF NOT EXISTS deal_tally_month (
    month         TEXT    NOT NULL,
    competitor_id INTEGER NOT NULL,
    outcome       TEXT    NOT NULL,
    deals         INTEGER NOT NULL,
    PRIMARY KEY (month, competitor_id, outcome)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS deal_tally_day (
    day           TEXT    NOT NULL,
    competitor_id INTEGER NOT NULL,
    outcome       TEXT    NOT NULL,
    deals         INTEGER NOT NULL,
    PRIMARY KEY (day, competitor_id, outcome)
) WITHOUT ROWID;

-- A link counts when both it and its deal are stored, whichever comes second (a bulk import
-- may write a deal's links before the deal).
CREATE TRIGGER IF NOT EXISTS deal_tally_link_ai AFTER INSERT ON deal_competitors BEGIN
    INSERT INTO deal_tally_month (month, competitor_id, outcome, deals)
        SELECT substr(closed_at, 1, 7), NEW.competitor_id, outcome, 1 FROM deals WHERE id = NEW.deal_id
        ON CONFLICT (month, competitor_id, outcome) DO UPDATE SET deals = deals + 1;
    INSERT INTO deal_tally_day (day, competitor_id, outcome, deals)
        SELECT closed_at, NEW.competitor_id, outcome, 1 FROM deals WHERE id = NEW.deal_id
        ON CONFLICT (day, competitor_id, outcome) DO UPDATE SET deals = deals + 1;
END;
CREATE TRIGGER IF NOT EXISTS deal_tally_deal_ai AFTER INSERT ON deals BEGIN
    INSERT INTO deal_tally_month (month, competitor_id, outcome, deals)
        SELECT substr(NEW.closed_at, 1, 7), competitor_id, NEW.outcome, count(*) FROM deal_competitors
        WHERE deal_id = NEW.id GROUP BY competitor_id
        ON CONFLICT (month, competitor_id, outcome) DO UPDATE SET deals = deals + excluded.deals;
    INSERT INTO deal_tally_day (day, competitor_id, outcome, deals)
        SELECT NEW.closed_at, competitor_id, NEW.outcome, count(*) FROM deal_competitors
        WHERE deal_id = NEW.id GROUP BY competitor_id
        ON CONFLICT (day, competitor_id, outcome) DO UPDATE SET deals = deals + excluded.deals;
END;

-- A link removed while its deal is stored stops counting. A deal's links are removed before
-- the deal, so they stop counting whatever the foreign-key settings.
CREATE TRIGGER IF NOT EXISTS deal_tally_link_ad AFTER DELETE ON deal_competitors BEGIN
    UPDATE deal_tally_month SET deals = deals - 1 WHERE (month, competitor_id, outcome) =
        (SELECT substr(closed_at, 1, 7), OLD.competitor_id, outcome FROM deals WHERE id = OLD.deal_id);
    DELETE FROM deal_tally_month WHERE deals <= 0 AND (month, competitor_id, outcome) =
        (SELECT substr(closed_at, 1, 7), OLD.competitor_id, outcome FROM deals WHERE id = OLD.deal_id);
    UPDATE deal_tally_day SET deals = deals - 1 WHERE (day, competitor_id, outcome) =
        (SELECT closed_at, OLD.competitor_id, outcome FROM deals WHERE id = OLD.deal_id);
    DELETE FROM deal_tally_day WHERE deals <= 0 AND (day, competitor_id, outcome) =
        (SELECT closed_at, OLD.competitor_id, outcome FROM deals WHERE id = OLD.deal_id);
END;
CREATE TRIGGER IF NOT EXISTS deal_tally_deal_bd BEFORE DELETE ON deals BEGIN
    DELETE FROM deal_competitors WHERE deal_id = OLD.id;
END;

-- A link moved to another deal or competitor counts where it now points.
CREATE TRIGGER IF NOT EXISTS deal_tally_link_au AFTER UPDATE OF deal_id, competitor_id ON deal_competitors
WHEN OLD.deal_id IS NOT NEW.deal_id OR OLD.competitor_id IS NOT NEW.competitor_id BEGIN
    UPDATE deal_tally_month SET deals = deals - 1 WHERE (month, competitor_id, outcome) =
        (SELECT substr(closed_at, 1, 7), OLD.competitor_id, outcome FROM deals WHERE id = OLD.deal_id);
    DELETE FROM deal_tally_month WHERE deals <= 0 AND (month, competitor_id, outcome) =
        (SELECT substr(closed_at, 1, 7), OLD.competitor_id, outcome FROM deals WHERE id = OLD.deal_id);
    UPDATE deal_tally_day SET deals = deals - 1 WHERE (day, competitor_id, outcome) =
        (SELECT closed_at, OLD.competitor_id, outcome FROM deals WHERE id = OLD.deal_id);
    DELETE FROM deal_tally_day WHERE deals <= 0 AND (day, competitor_id, outcome) =
        (SELECT closed_at, OLD.competitor_id, outcome FROM deals WHERE id = OLD.deal_id);
    INSERT INTO deal_tally_month (month, competitor_id, outcome, deals)
        SELECT substr(closed_at, 1, 7), NEW.competitor_id, outcome, 1 FROM deals WHERE id = NEW.deal_id
        ON CONFLICT (month, competitor_id, outcome) DO UPDATE SET deals = deals + 1;
    INSERT INTO deal_tally_day (day, competitor_id, outcome, deals)
        SELECT closed_at, NEW.competitor_id, outcome, 1 FROM deals WHERE id = NEW.deal_id
        ON CONFLICT (day, competitor_id, outcome) DO UPDATE SET deals = deals + 1;
END;

-- A deal whose outcome or close date changes moves its counts.
CREATE TRIGGER IF NOT EXISTS deal_tally_deal_au AFTER UPDATE OF closed_at, outcome ON deals
WHEN OLD.closed_at IS NOT NEW.closed_at OR OLD.outcome IS NOT NEW.outcome BEGIN
    UPDATE deal_tally_month SET deals = deals - (SELECT count(*) FROM deal_competitors dc
            WHERE dc.deal_id = OLD.id AND dc.competitor_id = deal_tally_month.competitor_id)
        WHERE month = substr(OLD.closed_at, 1, 7) AND outcome = OLD.outcome
        AND competitor_id IN (SELECT competitor_id FROM deal_competitors WHERE deal_id = OLD.id);
    DELETE FROM deal_tally_month WHERE deals <= 0 AND month = substr(OLD.closed_at, 1, 7) AND outcome = OLD.outcome
        AND competitor_id IN (SELECT competitor_id FROM deal_competitors WHERE deal_id = OLD.id);
    UPDATE deal_tally_day SET deals = deals - (SELECT count(*) FROM deal_competitors dc
            WHERE dc.deal_id = OLD.id AND dc.competitor_id = deal_tally_day.competitor_id)
        WHERE day = OLD.closed_at AND outcome = OLD.outcome
        AND competitor_id IN (SELECT competitor_id FROM deal_competitors WHERE deal_id = OLD.id);
    DELETE FROM deal_tally_day WHERE deals <= 0 AND day = OLD.closed_at AND outcome = OLD.outcome
        AND competitor_id IN (SELECT competitor_id FROM deal_competitors WHERE deal_id = OLD.id);
    INSERT INTO deal_tally_month (month, competitor_id, outcome, deals)
        SELECT substr(NEW.closed_at, 1, 7), competitor_id, NEW.outcome, count(*) FROM deal_competitors
        WHERE deal_id = NEW.id GROUP BY competitor_id
        ON CONFLICT (month, competitor_id, outcome) DO UPDATE SET deals = deals + excluded.deals;
    INSERT INTO deal_tally_day (day, competitor_id, outcome, deals)
        SELECT NEW.closed_at, competitor_id, NEW.outcome, count(*) FROM deal_competitors
        WHERE deal_id = NEW.id GROUP BY competitor_id
        ON CONFLICT (day, competitor_id, outcome) DO UPDATE SET deals = deals + excluded.deals;
END;

-- Deals by close day and what the win/loss report groups and filters by, each deal once.
CREATE TABLE IF NOT EXISTS deal_cube (
    day       TEXT    NOT NULL,
    outcome   TEXT    NOT NULL,
    segment   TEXT    NOT NULL,
    region    TEXT    NOT NULL,
    deal_type TEXT    NOT NULL,
    deals     INTEGER NOT NULL,
    PRIMARY KEY (day, outcome, segment, region, deal_type)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS deal_cube_ai AFTER INSERT ON deals BEGIN
    INSERT INTO deal_cube (day, outcome, segment, region, deal_type, deals)
        VALUES (NEW.closed_at, NEW.outcome, NEW.segment, NEW.region, NEW.deal_type, 1)
        ON CONFLICT (day, outcome, segment, region, deal_type) DO UPDATE SET deals = deals + 1;
END;
CREATE TRIGGER IF NOT EXISTS deal_cube_ad AFTER DELETE ON deals BEGIN
    UPDATE deal_cube SET deals = deals - 1 WHERE (day, outcome, segment, region, deal_type) =
        (OLD.closed_at, OLD.outcome, OLD.segment, OLD.region, OLD.deal_type);
    DELETE FROM deal_cube WHERE deals <= 0 AND (day, outcome, segment, region, deal_type) =
        (OLD.closed_at, OLD.outcome, OLD.segment, OLD.region, OLD.deal_type);
END;
CREATE TRIGGER IF NOT EXISTS deal_cube_au AFTER UPDATE OF closed_at, outcome, segment, region, deal_type ON deals
WHEN (OLD.closed_at, OLD.outcome, OLD.segment, OLD.region, OLD.deal_type) IS NOT
    (NEW.closed_at, NEW.outcome, NEW.segment, NEW.region, NEW.deal_type) BEGIN
    UPDATE deal_cube SET deals = deals - 1 WHERE (day, outcome, segment, region, deal_type) =
        (OLD.closed_at, OLD.outcome, OLD.segment, OLD.region, OLD.deal_type);
    DELETE FROM deal_cube WHERE deals <= 0 AND (day, outcome, segment, region, deal_type) =
        (OLD.closed_at, OLD.outcome, OLD.segment, OLD.region, OLD.deal_type);
    INSERT INTO deal_cube (day, outcome, segment, region, deal_type, deals)
        VALUES (NEW.closed_at, NEW.outcome, NEW.segment, NEW.region, NEW.deal_type, 1)
        ON CONFLICT (day, outcome, segment, region, deal_type) DO UPDATE SET deals = deals + 1;
END;

-- Reason citations by close day and outcome: how many deals cite a code, and as their primary
-- reason. Kept like the competitor tallies (a citation counts once both it and its deal are stored).
CREATE TABLE IF NOT EXISTS reason_tally (
    day       TEXT    NOT NULL,
    reason_id INTEGER NOT NULL,
    outcome   TEXT    NOT NULL,
    deals     INTEGER NOT NULL,
    primaries INTEGER NOT NULL,
    PRIMARY KEY (day, reason_id, outcome)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS reason_tally_cite_ai AFTER INSERT ON deal_reasons BEGIN
    INSERT INTO reason_tally (day, reason_id, outcome, deals, primaries)
        SELECT closed_at, NEW.reason_id, outcome, 1, NEW.is_primary FROM deals WHERE id = NEW.deal_id
        ON CONFLICT (day, reason_id, outcome) DO UPDATE SET deals = deals + 1, primaries = primaries + excluded.primaries;
END;
CREATE TRIGGER IF NOT EXISTS reason_tally_deal_ai AFTER INSERT ON deals BEGIN
    INSERT INTO reason_tally (day, reason_id, outcome, deals, primaries)
        SELECT NEW.closed_at, reason_id, NEW.outcome, count(*), sum(is_primary) FROM deal_reasons
        WHERE deal_id = NEW.id GROUP BY reason_id
        ON CONFLICT (day, reason_id, outcome) DO UPDATE SET deals = deals + excluded.deals, primaries = primaries + excluded.primaries;
END;
CREATE TRIGGER IF NOT EXISTS reason_tally_cite_ad AFTER DELETE ON deal_reasons BEGIN
    UPDATE reason_tally SET deals = deals - 1, primaries = primaries - OLD.is_primary WHERE (day, reason_id, outcome) =
        (SELECT closed_at, OLD.reason_id, outcome FROM deals WHERE id = OLD.deal_id);
    DELETE FROM reason_tally WHERE deals <= 0 AND (day, reason_id, outcome) =
        (SELECT closed_at, OLD.reason_id, outcome FROM deals WHERE id = OLD.deal_id);
END;
CREATE TRIGGER IF NOT EXISTS reason_tally_deal_bd BEFORE DELETE ON deals BEGIN
    DELETE FROM deal_reasons WHERE deal_id = OLD.id;
END;
CREATE TRIGGER IF NOT EXISTS reason_tally_cite_au AFTER UPDATE OF deal_id, reason_id, is_primary ON deal_reasons
WHEN (OLD.deal_id, OLD.reason_id, OLD.is_primary) IS NOT (NEW.deal_id, NEW.reason_id, NEW.is_primary) BEGIN
    UPDATE reason_tally SET deals = deals - 1, primaries = primaries - OLD.is_primary WHERE (day, reason_id, outcome) =
        (SELECT closed_at, OLD.reason_id, outcome FROM deals WHERE id = OLD.deal_id);
    DELETE FROM reason_tally WHERE deals <= 0 AND (day, reason_id, outcome) =
        (SELECT closed_at, OLD.reason_id, outcome FROM deals WHERE id = OLD.deal_id);
    INSERT INTO reason_tally (day, reason_id, outcome, deals, primaries)
        SELECT closed_at, NEW.reason_id, outcome, 1, NEW.is_primary FROM deals WHERE id = NEW.deal_id
        ON CONFLICT (day, reason_id, outcome) DO UPDATE SET deals = deals + 1, primaries = primaries + excluded.primaries;
END;
CREATE TRIGGER IF NOT EXISTS reason_tally_deal_au AFTER UPDATE OF closed_at, outcome ON deals
WHEN OLD.closed_at IS NOT NEW.closed_at OR OLD.outcome IS NOT NEW.outcome BEGIN
    UPDATE reason_tally SET deals = deals - 1, primaries = primaries - (SELECT dr.is_primary FROM deal_reasons dr
            WHERE dr.deal_id = OLD.id AND dr.reason_id = reason_tally.reason_id)
        WHERE day = OLD.closed_at AND outcome = OLD.outcome
        AND reason_id IN (SELECT reason_id FROM deal_reasons WHERE deal_id = OLD.id);
    DELETE FROM reason_tally WHERE deals <= 0 AND day = OLD.closed_at AND outcome = OLD.outcome
        AND reason_id IN (SELECT reason_id FROM deal_reasons WHERE deal_id = OLD.id);
    INSERT INTO reason_tally (day, reason_id, outcome, deals, primaries)
        SELECT NEW.closed_at, reason_id, NEW.outcome, count(*), sum(is_primary) FROM deal_reasons
        WHERE deal_id = NEW.id GROUP BY reason_id
        ON CONFLICT (day, reason_id, outcome) DO UPDATE SET deals = deals + excluded.deals, primaries = primaries + excluded.primaries;
END;

-- How many deals carry each segment and region (facet 'segment' or 'region'), for suggestions.
CREATE TABLE IF NOT EXISTS deal_facets (
    facet TEXT    NOT NULL,
    value TEXT    NOT NULL,
    deals INTEGER NOT NULL,
    PRIMARY KEY (facet, value)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS deal_facets_ai AFTER INSERT ON deals BEGIN
    INSERT INTO deal_facets (facet, value, deals) VALUES ('segment', NEW.segment, 1), ('region', NEW.region, 1)
        ON CONFLICT (facet, value) DO UPDATE SET deals = deals + 1;
END;
CREATE TRIGGER IF NOT EXISTS deal_facets_ad AFTER DELETE ON deals BEGIN
    UPDATE deal_facets SET deals = deals - 1 WHERE (facet, value) IN (VALUES ('segment', OLD.segment), ('region', OLD.region));
    DELETE FROM deal_facets WHERE deals <= 0 AND (facet, value) IN (VALUES ('segment', OLD.segment), ('region', OLD.region));
END;
CREATE TRIGGER IF NOT EXISTS deal_facets_au AFTER UPDATE OF segment, region ON deals
WHEN OLD.segment IS NOT NEW.segment OR OLD.region IS NOT NEW.region BEGIN
    UPDATE deal_facets SET deals = deals - 1 WHERE (facet, value) IN (VALUES ('segment', OLD.segment), ('region', OLD.region));
    DELETE FROM deal_facets WHERE deals <= 0 AND (facet, value) IN (VALUES ('segment', OLD.segment), ('region', OLD.region));
    INSERT INTO deal_facets (facet, value, deals) VALUES ('segment', NEW.segment, 1), ('region', NEW.region, 1)
        ON CONFLICT (facet, value) DO UPDATE SET deals = deals + 1;
END;

-- The tallies of a database written before they existed (or counted again after a bulk import).
DELETE FROM deal_tally_month;
DELETE FROM deal_tally_day;
INSERT INTO deal_tally_day (day, competitor_id, outcome, deals)
    SELECT d.closed_at, dc.competitor_id, d.outcome, count(*) FROM deal_competitors dc JOIN deals d ON d.id = dc.deal_id
    GROUP BY d.closed_at, dc.competitor_id, d.outcome;
INSERT INTO deal_tally_month (month, competitor_id, outcome, deals)
    SELECT substr(day, 1, 7), competitor_id, outcome, sum(deals) FROM deal_tally_day
    GROUP BY substr(day, 1, 7), competitor_id, outcome;
DELETE FROM deal_cube;
INSERT INTO deal_cube (day, outcome, segment, region, deal_type, deals)
    SELECT closed_at, outcome, segment, region, deal_type, count(*) FROM deals GROUP BY 1, 2, 3, 4, 5;
DELETE FROM reason_tally;
INSERT INTO reason_tally (day, reason_id, outcome, deals, primaries)
    SELECT d.closed_at, dr.reason_id, d.outcome, count(*), sum(dr.is_primary) FROM deal_reasons dr JOIN deals d ON d.id = dr.deal_id
    GROUP BY 1, 2, 3;
DELETE FROM deal_facets;
INSERT INTO deal_facets (facet, value, deals)
    SELECT 'segment', segment, count(*) FROM deals GROUP BY segment
    UNION ALL SELECT 'region', region, count(*) FROM deals GROUP BY region;

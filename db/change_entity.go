package db

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/rivals-app/rivals/model"
)

// readEntity reads one record as the change history stores it (its catalog JSON), by kind,
// competitor and natural key; nil when there is no such record.
func readEntity(ctx context.Context, q querier, kind model.ChangeKind, competitor, key string) ([]byte, error) {
	v, err := readValue(ctx, q, kind, competitor, key)
	if missing(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// readValue reads one record by kind, competitor and natural key.
func readValue(ctx context.Context, q querier, kind model.ChangeKind, competitor, key string) (any, error) {
	rest := strings.TrimPrefix(key, competitor+"/")
	switch kind {
	case model.ChangeCompetitor:
		return getCompetitor(ctx, q, key)
	case model.ChangeFeature:
		return getFeature(ctx, q, key)
	case model.ChangeCell:
		return getCell(ctx, q, competitor, rest)
	case model.ChangePlan, model.ChangePrice:
		id, err := planID(ctx, q, competitor, rest)
		if err != nil {
			return nil, err
		}
		return planByID(ctx, q, id)
	case model.ChangeReason:
		var r model.ReasonCode
		err := q.QueryRowContext(ctx, `SELECT code, label, description FROM reason_codes WHERE code = ?`, key).
			Scan(&r.Code, &r.Label, &r.Description)
		return r, err
	case model.ChangeDeal:
		return getDeal(ctx, q, key)
	case model.ChangeCard:
		return getCard(ctx, q, competitor)
	case model.ChangeNote:
		date, title, ok := strings.Cut(rest, "/")
		if !ok {
			return nil, fmt.Errorf("note %q: %w", key, ErrNotFound)
		}
		return scanNote(q.QueryRowContext(ctx, `SELECT `+noteColumns+` FROM notes n JOIN competitors c ON c.id = n.competitor_id
			WHERE c.slug = ? AND n.noted_at = ? AND n.title = ?`, competitor, date, title))
	}
	return nil, fmt.Errorf("%s %q: %w", kind, key, ErrNotFound)
}

// planID finds a plan by competitor and name.
func planID(ctx context.Context, q querier, competitor, name string) (int64, error) {
	var id int64
	err := q.QueryRowContext(ctx, `SELECT p.id FROM plans p JOIN competitors c ON c.id = p.competitor_id
		WHERE c.slug = ? AND p.name = ?`, competitor, name).Scan(&id)
	return id, err
}

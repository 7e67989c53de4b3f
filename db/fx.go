package db

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/rivals-app/rivals/model"
)

// SetRate records an exchange rate. Earlier rates for the pair are kept as history; the newest
// (by date, then by when it was set) is the one in use.
func (s *Store) SetRate(ctx context.Context, r model.FXRate) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO fx_rates (currency, base, rate_micros, set_on) VALUES (?, ?, ?, ?)`,
			r.Currency, r.Base, r.Micros, r.SetOn.String()); err != nil {
			return err
		}
		r = model.NewFXRate(r.Currency, r.Base, r.Micros, r.SetOn)
		value, err := json.Marshal(r)
		if err != nil {
			return err
		}
		log := newChangeLog(ctx, tx, s.origin)
		if err := log.add(model.ChangeFX, model.ChangeCreate, "", fxKey(r.Currency, r.Base), nil, value); err != nil {
			return err
		}
		return log.close()
	})
}

// fxKey names a currency pair in the change history: "EUR/USD".
func fxKey(currency, base string) string { return currency + "/" + base }

// Rates returns the rate in use for every currency pair, ordered by currency then base.
func (s *Store) Rates(ctx context.Context) (model.FXTable, error) {
	return listRates(ctx, s.db)
}

func listRates(ctx context.Context, q querier) (model.FXTable, error) {
	rows, err := q.QueryContext(ctx, `SELECT currency, base, rate_micros, set_on FROM fx_rates r
		WHERE id = (SELECT id FROM fx_rates n WHERE n.currency = r.currency AND n.base = r.base
			ORDER BY set_on DESC, id DESC LIMIT 1)
		ORDER BY currency, base`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out model.FXTable
	for rows.Next() {
		var cur, base, day string
		var micros int64
		if err := rows.Scan(&cur, &base, &micros, &day); err != nil {
			return nil, err
		}
		d, err := decodeDate(day)
		if err != nil {
			return nil, err
		}
		out = append(out, model.NewFXRate(cur, base, micros, d))
	}
	return out, rows.Err()
}

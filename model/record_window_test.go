package model

import "testing"

func TestRateInWindow(t *testing.T) {
	tests := []struct {
		w      WinLoss
		window string
		want   string
	}{
		{WinLoss{Won: 18, Lost: 17, NoDecision: 3}, RecordWindowLabel, "51% of 35 decided, last 12 months"},
		{WinLoss{Won: 28, Lost: 35}, AllTimeLabel, "44% of 63 decided, all time"},
		{WinLoss{NoDecision: 2}, RecordWindowLabel, "no decided deals, last 12 months"},
		{WinLoss{Won: 1, Lost: 1}, "last 90 days", "50% of 2 decided, last 90 days"},
	}
	for _, tt := range tests {
		if got := tt.w.RateInWindow(tt.window); got != tt.want {
			t.Errorf("%+v.RateInWindow(%q) = %q, want %q", tt.w, tt.window, got, tt.want)
		}
	}
	today := NewDate(2026, 11, 23)
	w := RecordWindow(today)
	if w.Since != NewDate(2025, 11, 23) || w.Until != today {
		t.Errorf("RecordWindow = %+v", w)
	}
	if !w.Match(Deal{ClosedAt: NewDate(2025, 11, 23)}) || w.Match(Deal{ClosedAt: NewDate(2025, 11, 22)}) {
		t.Error("the window must start a year before today, inclusive")
	}
}

package tui

import (
	"context"
	"slices"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/rivals-app/rivals/db"
	"github.com/rivals-app/rivals/internal/bigcatalog"
	"github.com/rivals-app/rivals/internal/search"
	"github.com/rivals-app/rivals/model"
	"github.com/sahilm/fuzzy"
)

// paletteScales are the generated catalogs the palette is measured on, by how many deals and
// as many notes they hold (1,000 competitors and 500 features each; 100k is the large catalog).
var paletteScales = []struct {
	name string
	rows int
}{{"10k", 10_000}, {"100k", 100_000}, {"400k", 400_000}}

// scaleOptions is the generated catalog with rows deals and rows notes.
func scaleOptions(rows int) bigcatalog.Options {
	o := bigcatalog.Default()
	o.Deals, o.Notes = rows, rows
	return o
}

// paletteTyped are what a user types into the palette over the generated catalogs: acronyms,
// a competitor, feature words, a phrase, a note's number.
var paletteTyped = []string{"sso", "api", "tidewell", "knowledge base", "escalation", "harborline", "slack sync", "update 4711"}

// openScaledPalette opens the generated catalog with rows deals and notes as the TUI does
// (the lazy snapshot with its name index, then the label index) and returns a sized palette.
func openScaledPalette(b *testing.B, rows int) (*palette, catalogView, []search.Item) {
	b.Helper()
	ctx := context.Background()
	path, err := bigcatalog.Database(ctx, scaleOptions(rows))
	if err != nil {
		b.Fatal(err)
	}
	store, err := db.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	today := model.DateOf(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	v, err := loadSnapshot(ctx, store, loadRequest{today: today, eagerRows: DefaultEagerRows})
	if err != nil {
		b.Fatal(err)
	}
	msg := buildTextIndexCmd(ctx, store, 0)().(textIndexMsg)
	if msg.err != nil {
		b.Fatal(msg.err)
	}
	styles := NewStyles(nil, true)
	p := newPalette(ctx, store, &styles)
	p.SetSize(100, 30)
	p.SetData(v)
	p.SetTextIndex(msg.index, msg.text)
	return p, v, append(nameItems(v), msg.index.Items()...)
}

// keystrokeTimes are when one key press's frames were ready: the first frame with results (the
// names), the frame with labels too, and the frame with full-text results (zero when the key
// ran no full-text query).
type keystrokeTimes struct {
	first, labels, text time.Duration
}

// pressKey sends one key to the palette and runs the commands it starts as Bubble Tea does,
// each in a goroutine of its own, delivering their replies one at a time and rendering a frame
// after each; it reports when each frame was ready.
func pressKey(p *palette, k tea.KeyMsg) keystrokeTimes {
	start := time.Now()
	var t keystrokeTimes
	replies := make(chan tea.Msg, 8)
	running := 0
	run := func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		running++
		go func() { replies <- cmd() }()
	}
	run(p.Update(k))
	_ = p.View()
	for running > 0 {
		msg := <-replies
		running--
		switch msg := msg.(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				run(c)
			}
		case paletteNamesMsg:
			run(p.Update(msg))
			_ = p.View()
			t.first = time.Since(start)
		case paletteLabelsMsg:
			run(p.Update(msg))
			_ = p.View()
			t.labels = time.Since(start)
		case paletteTextMsg:
			run(p.Update(msg))
			_ = p.View()
			t.text = time.Since(start)
		}
	}
	return t
}

// BenchmarkPaletteKeystroke types paletteTyped key by key into the palette over generated
// catalogs of 10k, 100k and 400k deals and notes, each reply delivered and rendered before
// the next key: first is key press to the first frame with results (the names), labels to the
// frame with note titles and deal accounts too, text to the frame with full-text results (over
// the keys that ran a full-text query).
//
//	go test ./tui -run XXX -bench PaletteKeystroke -benchtime 1x
func BenchmarkPaletteKeystroke(b *testing.B) {
	for _, sc := range paletteScales {
		b.Run(sc.name, func(b *testing.B) {
			p, _, _ := openScaledPalette(b, sc.rows)
			var first, labels, text []time.Duration
			for b.Loop() {
				for _, q := range paletteTyped {
					p.Open("")
					for _, r := range q {
						t := pressKey(p, keyRunes(string(r)))
						first = append(first, t.first)
						labels = append(labels, t.labels)
						if t.text > 0 {
							text = append(text, t.text)
						}
					}
				}
			}
			reportLatency(b, "first", first)
			reportLatency(b, "labels", labels)
			reportLatency(b, "text", text)
		})
	}
}

// BenchmarkPaletteFuzzyFind is the reference for the palette's first frame: sahilm/fuzzy's
// Find over the same names and labels, typed the same way, top 16 kept.
func BenchmarkPaletteFuzzyFind(b *testing.B) {
	benchPaletteReference(b, func(labels []string) func(string) int {
		return func(q string) int { return min(16, len(fuzzy.Find(q, labels))) }
	})
}

// BenchmarkPaletteFzf is the second reference: fzf's FuzzyMatchV2 over the same names and
// labels on every core, matches ordered as fzf orders them.
func BenchmarkPaletteFzf(b *testing.B) {
	benchPaletteReference(b, func(labels []string) func(string) int {
		r := newFzfRanker(labels)
		return func(q string) int { return min(16, len(r.rank(q))) }
	})
}

// benchPaletteReference types paletteTyped into a matcher over the palette's names and labels
// at each scale and reports each keystroke's latency as first-p50-ms and first-p95-ms.
func benchPaletteReference(b *testing.B, matcher func(labels []string) func(string) int) {
	for _, sc := range paletteScales {
		b.Run(sc.name, func(b *testing.B) {
			_, _, items := openScaledPalette(b, sc.rows)
			labels := make([]string, len(items))
			for i, it := range items {
				labels[i] = it.Label
			}
			match := matcher(labels)
			var lat []time.Duration
			found := 0
			for b.Loop() {
				for _, q := range paletteTyped {
					for i := range q {
						start := time.Now()
						found += match(q[:i+1])
						lat = append(lat, time.Since(start))
					}
				}
			}
			if found == 0 {
				b.Fatal("nothing matched")
			}
			reportLatency(b, "first", lat)
		})
	}
}

// reportLatency reports the median and 95th percentile of lat in milliseconds.
func reportLatency(b *testing.B, what string, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(lat[len(lat)/2]), what+"-p50-ms")
	b.ReportMetric(ms(lat[(len(lat)*95+99)/100-1]), what+"-p95-ms")
}

package report

import (
	"io"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/rivals-app/rivals/internal/termtext"
)

// SlackMessageLimit is the most characters one pasted Slack message holds here: Slack truncates
// longer messages, so a longer page is split into several.
const SlackMessageLimit = 4000

// SlackSplitMarker separates the messages of a page too long for one; each message after it is
// pasted as a message of its own.
const SlackSplitMarker = "✂ ──────── paste what follows as a new message ────────"

// slackLookalike replaces, where the text holds a pair of them, the characters Slack reads as
// formatting (bold, italic, strike-through, code) with characters that look the same and mean
// nothing: Slack has no escape character.
var slackLookalike = []struct{ from, to string }{
	{"*", "∗"}, {"_", "ˍ"}, {"~", "∼"}, {"`", "ˋ"},
}

// slackEscape makes catalog text inert in Slack mrkdwn while leaving ordinary text as written
// ("AI & Automation", "~180"): one clean line; formatting characters that come in pairs become
// lookalikes; angle brackets that could make a link, a mention or a command ("<!channel>")
// become ‹ and ›; "@channel", "@here" and "@everyone" cannot notify anyone; a leading ">" does
// not start a quote, nor a leading formatting character or ":" its line's formatting. No HTML
// entity is written: the text is pasted, not posted through the API.
func slackEscape(s string) string {
	s = termtext.Line(s)
	for _, l := range slackLookalike {
		if strings.Count(s, l.from) >= 2 {
			s = strings.ReplaceAll(s, l.from, l.to)
		}
	}
	if i := strings.IndexByte(s, '<'); i >= 0 && strings.IndexByte(s[i:], '>') >= 0 {
		s = strings.NewReplacer("<", "‹", ">", "›").Replace(s)
	}
	for _, m := range []string{"@channel", "@here", "@everyone"} {
		s = replaceFold(s, m, "＠"+m[1:])
	}
	// A line that starts with a formatting character or a quote mark would change how the
	// line reads; its first character becomes a lookalike.
	switch {
	case strings.HasPrefix(s, ">"):
		s = "›" + s[1:]
	case strings.HasPrefix(s, ":"):
		s = "꞉" + s[1:]
	default:
		for _, l := range slackLookalike {
			if strings.HasPrefix(s, l.from) {
				s = l.to + s[1:]
			}
		}
	}
	return s
}

// replaceFold replaces every occurrence of old in s, ASCII case aside, with new.
func replaceFold(s, old, new string) string {
	lower := strings.ToLower(s)
	if !strings.Contains(lower, old) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(lower, old)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i] + new)
		s, lower = s[i+len(old):], lower[i+len(old):]
	}
}

// slackLink is a source as a Slack link, <url|host>, when it is a plain http(s) address;
// otherwise the escaped text.
func slackLink(l claimLine) string {
	raw := l.SourceURL()
	u, err := url.Parse(raw)
	if raw == "" || err != nil || u.Host == "" || strings.ContainsAny(raw, "|<>") {
		return slackEscape(l.Source)
	}
	return "<" + raw + "|" + slackEscape(u.Host) + ">"
}

// slackClaim is a claim as a Slack bullet's text, its citation in italics.
func slackClaim(l claimLine) string {
	s := slackEscape(l.Text) + l.Signs()
	var cite []string
	if l.Source != "" {
		cite = append(cite, slackLink(l))
	}
	if l.Confirmed != "" {
		cite = append(cite, "confirmed "+l.Confirmed)
	}
	if len(cite) > 0 {
		s += " _(" + strings.Join(cite, " · ") + ")_"
	}
	return s
}

// CardSlack writes the battle card as Slack mrkdwn, ready to paste: *bold* headings, • bullets,
// <url|text> links, no HTML entities. A card longer than SlackMessageLimit is split at block
// boundaries into several messages, numbered "(1/3)" and separated by SlackSplitMarker.
func CardSlack(w io.Writer, doc CardDoc) error {
	_, err := io.WriteString(w, slackMessages(cardBlocks(doc)))
	return err
}

// PrepSlack writes the call-prep sheet as Slack mrkdwn, as CardSlack does.
func PrepSlack(w io.Writer, doc CardDoc) error {
	_, err := io.WriteString(w, slackMessages(prepBlocks(NewPrepSheet(doc))))
	return err
}

// slackBlock renders one block as mrkdwn lines.
func slackBlock(bl block) []string {
	var out []string
	heading := func() {
		if bl.Title != "" {
			out = append(out, "*"+slackEscape(bl.Title)+"*")
		}
	}
	switch bl.Kind {
	case blockTitle:
		heading()
	case blockQuickRead:
		out = append(out, "> *"+bl.Title+"*")
		for _, l := range bl.Lines {
			out = append(out, "> "+slackEscape(l))
		}
	case blockLede:
		out = append(out, "_"+slackEscape(bl.Lines[0])+"_")
	case blockMeta:
		parts := make([]string, len(bl.Lines))
		for i, l := range bl.Lines {
			parts[i] = slackEscape(l)
		}
		out = append(out, strings.Join(parts, " · "))
	case blockNotice:
		out = append(out, ":warning: *"+bl.Title+":* "+slackEscape(bl.Lines[0]))
	case blockDoNotSay:
		out = append(out, ":no_entry: *"+bl.Title+"*")
		for _, l := range bl.Lines {
			out = append(out, "✗ "+slackEscape(l))
		}
	case blockFacts:
		heading()
		for _, f := range bl.Facts {
			out = append(out, "• *"+f.Label+":* "+slackEscape(f.Value))
		}
	case blockProse:
		heading()
		for _, p := range bl.Lines {
			out = append(out, slackEscape(p))
		}
	case blockClaims:
		heading()
		for _, c := range bl.Claims {
			out = append(out, "• "+slackClaim(c))
		}
	case blockList:
		heading()
		for _, l := range bl.Lines {
			out = append(out, "• "+slackEscape(l))
		}
		if len(bl.Lines) == 0 {
			out = append(out, "_"+bl.Empty+"_")
		}
	case blockObjections:
		heading()
		for _, o := range bl.Objections {
			out = append(out, "• *"+slackEscape(o.Objection)+"* → "+slackClaim(o.Answer))
		}
	case blockPlans:
		heading()
		for _, p := range bl.Plans {
			out = append(out, "• *"+slackEscape(p.Plan)+":* "+slackEscape(p.Price)+" per "+slackEscape(p.Unit)+" · seen "+p.Seen)
		}
	case blockQuotes:
		heading()
		for _, q := range bl.Quotes {
			out = append(out, "> “"+slackEscape(q.Text)+"” _("+q.Attribution()+")_")
		}
	case blockRule:
		heading()
		out = append(out, "_"+slackEscape(bl.Lines[0])+"_")
	case blockEvidence:
		heading()
		for _, e := range bl.Bullets {
			out = append(out, "• "+slackEscape(e.Text)+" _("+slackEscape(e.Cite)+")_")
		}
	case blockLabelled:
		for _, f := range bl.Facts {
			out = append(out, "*"+f.Label+":* "+slackEscape(f.Value))
		}
	}
	return out
}

// slackMessages renders blocks and packs them into messages of at most SlackMessageLimit
// characters, numbering them when there is more than one.
func slackMessages(blocks []block) string {
	// The number a split message carries, "(12/12) ", is set aside in every message's budget.
	const numbering = 12
	limit := SlackMessageLimit - numbering
	var msgs []string
	var cur strings.Builder
	add := func(chunk string) {
		n := utf8.RuneCountInString(cur.String())
		if n > 0 && n+2+utf8.RuneCountInString(chunk) > limit {
			msgs = append(msgs, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteString("\n\n")
		}
		cur.WriteString(chunk)
	}
	for _, bl := range blocks {
		lines := slackBlock(bl)
		chunk := strings.Join(lines, "\n")
		if utf8.RuneCountInString(chunk) <= limit {
			add(chunk)
			continue
		}
		// A block too long for one message goes line by line; a line too long is cut.
		for _, l := range lines {
			if utf8.RuneCountInString(l) > limit {
				l = string([]rune(l)[:limit-1]) + "…"
			}
			add(l)
		}
	}
	if cur.Len() > 0 {
		msgs = append(msgs, cur.String())
	}
	if len(msgs) > 1 {
		for i := range msgs {
			msgs[i] = "(" + itoa(i+1) + "/" + itoa(len(msgs)) + ") " + msgs[i]
		}
	}
	return strings.Join(msgs, "\n\n"+SlackSplitMarker+"\n\n") + "\n"
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

package hostile

import (
	"fmt"
	"regexp"
	"strings"
)

// slackLink is the only angle-bracket token a Slack page may hold: a web link written by the
// renderer, <https://host/path|text>.
var slackLink = regexp.MustCompile(`^<https?://[^\s|<>]+\|[^<>|]+>`)

// Slack returns an error for the first thing in a page of Slack mrkdwn that catalog text could
// have made act: an angle-bracket token other than a web link (a mention, a channel, a
// "<!here>") or a notification of everyone ("@channel", "@here", "@everyone").
func Slack(doc string) error {
	for i := 0; i < len(doc); i++ {
		if doc[i] == '<' && !slackLink.MatchString(doc[i:]) {
			return fmt.Errorf("< that is not a link at byte %d %s", i, around(doc, i))
		}
	}
	lower := strings.ToLower(doc)
	for _, m := range []string{"@channel", "@here", "@everyone"} {
		if i := strings.Index(lower, m); i >= 0 {
			return fmt.Errorf("%s at byte %d %s", m, i, around(doc, i))
		}
	}
	return nil
}

// splitNumber is the number a page split into several messages gives each: "(2/3) ".
var splitNumber = regexp.MustCompile(`^\([0-9]+/[0-9]+\) `)

// SlackShape returns the structure of a Slack page, one entry per line: how it starts (a
// bullet, a quote, bold, italic, an emoji or text). Where the page is split into messages
// (the "✂" lines and the "(2/3)" numbers) is left out: longer text may split it elsewhere.
// Catalog text must not change the rest.
func SlackShape(doc string) []string {
	var out []string
	for _, l := range strings.Split(doc, "\n") {
		l = splitNumber.ReplaceAllString(l, "")
		switch {
		case strings.HasPrefix(l, "✂ "):
		case l == "":
			if len(out) == 0 || out[len(out)-1] != "blank" {
				out = append(out, "blank")
			}
		case strings.HasPrefix(l, "• "):
			out = append(out, "bullet")
		case strings.HasPrefix(l, ">"):
			out = append(out, "quote")
		case strings.HasPrefix(l, "*"):
			out = append(out, "bold")
		case strings.HasPrefix(l, "_"):
			out = append(out, "italic")
		case strings.HasPrefix(l, ":"):
			out = append(out, "emoji")
		default:
			out = append(out, "text")
		}
	}
	return out
}

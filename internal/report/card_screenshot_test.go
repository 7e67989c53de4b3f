package report

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestCardHTMLScreenshot renders the Harborline card page in headless Chromium (the Debian
// package chromium) and checks the screenshot: a real page, not blank, with the pale blue of the
// 30-second read and the pale red of "do not say" on it. Where no Chromium is installed the
// test is skipped: CI does not need it.
func TestCardHTMLScreenshot(t *testing.T) {
	browser := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			browser = p
			break
		}
	}
	if browser == "" {
		t.Skip("no Chromium installed (apt-get install chromium to run this check)")
	}
	dir := t.TempDir()
	page, shot := filepath.Join(dir, "card.html"), filepath.Join(dir, "card.png")
	html := render(t, func(b *bytes.Buffer) error { return CardHTML(b, demoCardDoc(t, "harborline")) })
	if err := os.WriteFile(page, []byte(html), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--window-size=1024,2400", "--screenshot="+shot, "file://"+page)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", browser, err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	near := func(r, g, b uint32, want [3]uint32) bool {
		d := func(a, b uint32) uint32 {
			if a > b {
				return a - b
			}
			return b - a
		}
		return d(r>>8, want[0]) < 6 && d(g>>8, want[1]) < 6 && d(b>>8, want[2]) < 6
	}
	var quickRead, doNotSay, white int
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 2 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			switch {
			case near(r, g, b, [3]uint32{0xf4, 0xf7, 0xfa}):
				quickRead++
			case near(r, g, b, [3]uint32{0xfd, 0xf0, 0xef}):
				doNotSay++
			case near(r, g, b, [3]uint32{0xff, 0xff, 0xff}):
				white++
			}
		}
	}
	if quickRead < 500 || doNotSay < 500 || white < 10000 {
		t.Errorf("the screenshot lacks the new blocks: %d quick-read, %d do-not-say, %d white pixels (sampled)", quickRead, doNotSay, white)
	}
}

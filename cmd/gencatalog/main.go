// Command gencatalog writes a large, realistic, deterministic catalog for measuring rivals at
// a scale far beyond any real team's: thousands of competitors, hundreds of features, a full
// feature matrix, price history, hundreds of thousands of deals and notes.
//
//	go run ./cmd/gencatalog -competitors 1000 -features 500 -deals 100000 -notes 100000 -o big.json
//
// The same flags and -seed always give the same file.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/rivals-app/rivals/internal/bigcatalog"
	"github.com/rivals-app/rivals/internal/catalog"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gencatalog:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gencatalog", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := bigcatalog.Default()
	fs.IntVar(&o.Competitors, "competitors", o.Competitors, "competitors (our own product included)")
	fs.IntVar(&o.Features, "features", o.Features, "features in the matrix")
	fs.IntVar(&o.Deals, "deals", o.Deals, "win/loss deals")
	fs.IntVar(&o.Notes, "notes", o.Notes, "intel notes")
	fs.Uint64Var(&o.Seed, "seed", o.Seed, "random seed")
	out := fs.String("o", "", "write to FILE instead of standard output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.Competitors < 2 || o.Features < 1 || o.Deals < 0 || o.Notes < 0 {
		return fmt.Errorf("need at least 2 competitors and 1 feature")
	}
	cat := bigcatalog.Generate(o)
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	if err := catalog.Encode(bw, cat); err != nil {
		return err
	}
	return bw.Flush()
}

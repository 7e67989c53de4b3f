package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/rivals-app/rivals/internal/importer"
)

// importFile is one file named on the command line, read whole, or one sheet of a workbook.
// A catalog JSON file is not read yet: one imported on its own is read where it lies, a batch
// at a time; otherwise it is read whole when the files are parsed.
type importFile struct {
	name string
	data []byte
	json bool
	kind string // CSV files and sheets: the kind given or detected
	// sheets, for a workbook's sheet, names every sheet the workbook gives (for messages).
	sheets []string
	// lies is set for a CSV file imported on its own, which is not read yet: a deals table is
	// read where it lies (through fh, open from when its kind is known until the import ends)
	// as its rows are stored; any other is read whole once its kind is known.
	lies bool
	fh   *os.File
}

// readImportFiles reads every file (standard input for "-") before anything is imported, but
// for a catalog JSON file or a CSV file imported on its own, which the import reads where it
// lies (see importFile.lies). Files named .json are catalog JSON, and so is standard input
// starting with "{"; a workbook (.xlsx, .xlsm) gives one file per sheet with values, or the
// sheet named by --sheet; anything else is CSV.
func (a *app) readImportFiles(args []string, sheet string) ([]importFile, error) {
	var files []importFile
	for _, name := range args {
		var data []byte
		var err error
		ext := strings.ToLower(fileExt(name))
		workbook := ext == ".xlsx" || ext == ".xlsm" || ext == ".xls"
		if name == "-" {
			if slices.ContainsFunc(files, func(f importFile) bool { return f.name == "stdin" }) {
				return nil, usagef("standard input (-) can be read only once")
			}
			name = "stdin"
			data, err = readLimited(name, a.stdin, 0, a.inputLimit())
		} else if ext == ".json" {
			size, regular, statErr := regularFileSize(name, MaxStreamedFile)
			switch {
			case statErr != nil:
				return nil, statErr
			case regular && len(args) == 1:
				// Read where it lies, a batch at a time, by the import.
				files = append(files, importFile{name: name, json: true})
				continue
			case regular && size > a.inputLimit():
				return nil, fmt.Errorf("%s: is %s; beside other files, a catalog file over %s is not read (import it on its own: it is then read a batch at a time)",
					name, importer.ByteSize(size), importer.ByteSize(a.inputLimit()))
			}
			data, err = readInputFile(name, a.inputLimit())
		} else if len(args) == 1 && !workbook {
			_, regular, statErr := regularFileSize(name, MaxStreamedFile)
			if statErr != nil {
				return nil, statErr
			}
			if regular {
				files = append(files, importFile{name: name, lies: true})
				continue
			}
			data, err = readInputFile(name, a.inputLimit())
		} else {
			data, err = readInputFile(name, a.inputLimit())
		}
		if err != nil {
			return nil, err
		}
		if workbook {
			sheets, err := importer.Sheets(name, data, sheet)
			if err != nil {
				return nil, err
			}
			var names []string
			for _, s := range sheets {
				names = append(names, s.Name)
			}
			for _, s := range sheets {
				files = append(files, importFile{name: s.File, data: s.Data, sheets: names})
			}
			continue
		}
		isJSON := ext == ".json" || (name == "stdin" && bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")))
		files = append(files, importFile{name: name, data: data, json: isJSON})
	}
	if sheet != "" && !slices.ContainsFunc(files, func(f importFile) bool { return f.sheets != nil }) {
		return nil, usagef("--sheet applies to .xlsx workbooks, and none is named")
	}
	return files, nil
}

// inputLimit is the largest import input read, in bytes.
func (a *app) inputLimit() int64 {
	if a.maxInput > 0 {
		return a.maxInput
	}
	return importer.MaxFileSize
}

// MaxStreamedFile is the largest catalog JSON file an import reads (4 GB). One imported on its
// own is read where it lies, a batch of records at a time, so memory does not grow with it;
// every other input is read whole and limited to importer.MaxFileSize.
const MaxStreamedFile = 4 << 30

// regularFileSize returns the size of the file name when it is a regular file (not a pipe or
// a device), refusing one over limit by its size; regular is false for any other file.
func regularFileSize(name string, limit int64) (size int64, regular bool, err error) {
	fi, err := os.Stat(name)
	switch {
	case err != nil:
		return 0, false, err
	case fi.IsDir():
		return 0, false, fmt.Errorf("%s: is a directory, not a file to import", name)
	case !fi.Mode().IsRegular():
		return 0, false, nil
	case fi.Size() > limit:
		return 0, false, fmt.Errorf("%s: is %s; files over %s are not read (split it into smaller files)", name, importer.ByteSize(fi.Size()), importer.ByteSize(limit))
	}
	return fi.Size(), true, nil
}

// readInputFile reads a file named on the command line whole. A regular file over limit is
// refused by its size, before any of it is read; anything else (a pipe, a device such as
// /dev/zero, a file still growing) is read only up to the limit.
func readInputFile(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	switch {
	case fi.IsDir():
		return nil, fmt.Errorf("%s: is a directory, not a file to import", name)
	case fi.Mode().IsRegular() && fi.Size() > limit:
		return nil, fmt.Errorf("%s: is %s; files over %s are not read (split it into smaller files)", name, importer.ByteSize(fi.Size()), importer.ByteSize(limit))
	}
	var size int64
	if fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return readLimited(name, f, size, limit)
}

// readLimited reads r to its end, or fails as soon as it yields more than limit bytes, so an
// endless input costs at most limit bytes of memory. It reads in chunks and joins them at
// the end, rather than growing one buffer, which would hold up to twice the limit while it is
// copied; size is the expected size (a regular file's), read in one chunk, or 0.
func readLimited(name string, r io.Reader, size, limit int64) ([]byte, error) {
	var chunks [][]byte
	var total int64
	for {
		n := int64(1 << 20)
		if len(chunks) == 0 && size > 0 {
			n = size + 1 // one more byte to see the end (or that the file grew)
		}
		buf := make([]byte, min(n, limit+1-total))
		got, err := io.ReadFull(r, buf)
		chunks = append(chunks, buf[:got])
		total += int64(got)
		if total > limit {
			return nil, fmt.Errorf("%s: is over %s; files over %s are not read (split it into smaller files)", name, importer.ByteSize(limit), importer.ByteSize(limit))
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	return bytes.Join(chunks, nil), nil
}

func fileExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 && !strings.ContainsAny(name[i:], `/\`) {
		return name[i:]
	}
	return ""
}

// Package checkpoint anchors the audit journal outside its database: a
// checkpoint is the journal's newest entry number and link, signed with
// the installation's key, appended to a file in the data folder and
// written to the log. Whoever edits the database (and recomputes the
// chain) or cuts its newest entries cannot make the journal agree with
// a checkpoint taken before, and cannot sign a new one without the key.
package checkpoint

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"
)

// FileName is the checkpoints' file in the data folder.
const FileName = "audit.checkpoints"

// Signer signs checkpoints and checks them under any key of the ring
// (*secret.Keys).
type Signer interface {
	SignCheckpoint(data []byte) string
	CheckpointOK(data []byte, sig string) bool
}

// Checkpoint is one anchor of the journal. Its JSON is also what the log
// line carries, so lines taken from a JSON log read as a checkpoints file.
type Checkpoint struct {
	Seq  int64     `json:"seq"`  // the newest entry's number
	Hash string    `json:"hash"` // its link
	At   time.Time `json:"at"`
	Sig  string    `json:"sig"`
}

// New signs a checkpoint of the journal's head.
func New(k Signer, seq int64, hash string, at time.Time) Checkpoint {
	c := Checkpoint{Seq: seq, Hash: hash, At: at.UTC().Truncate(time.Second)}
	c.Sig = k.SignCheckpoint(c.text())
	return c
}

// text is what the signature covers.
func (c Checkpoint) text() []byte {
	return []byte("navigator audit checkpoint v1\n" + strconv.FormatInt(c.Seq, 10) + "\n" + c.Hash + "\n" + c.At.UTC().Format(time.RFC3339))
}

// Valid reports whether the installation signed c.
func (c Checkpoint) Valid(k Signer) bool { return c.Sig != "" && k.CheckpointOK(c.text(), c.Sig) }

// Append adds c to the file at path (created 0600), synced to the disk.
func Append(path string, c Checkpoint) error {
	line, err := json.Marshal(c)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("audit checkpoint: %w", err)
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("audit checkpoint: %w", err)
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("audit checkpoint: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("audit checkpoint: %w", err)
	}
	return f.Close()
}

// Forged names the lines of a checkpoints file the installation did not
// sign.
type Forged struct{ Lines []int }

func (e *Forged) Error() string {
	return fmt.Sprintf("checkpoints on lines %v are not signed by this installation's key: the file was edited", e.Lines)
}

// Latest reads the file at path and returns its newest signed checkpoint
// (nil when the file holds none); a line that does not read as a signed
// checkpoint makes the error a *Forged, with the latest still returned.
func Latest(path string, k Signer) (*Checkpoint, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var latest *Checkpoint
	forged := &Forged{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var c Checkpoint
		if err := json.Unmarshal(line, &c); err != nil || !c.Valid(k) {
			forged.Lines = append(forged.Lines, n)
			continue
		}
		if latest == nil || c.Seq > latest.Seq || c.Seq == latest.Seq && c.At.After(latest.At) {
			latest = &c
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read checkpoints: %w", err)
	}
	if len(forged.Lines) > 0 {
		return latest, forged
	}
	return latest, nil
}

// ErrCut says the journal's newest entries were removed after a
// checkpoint; ErrRewritten that the entry a checkpoint names is no longer
// the one it signed (the chain was recomputed).
var (
	ErrCut       = errors.New("the newest entries of the audit journal were removed")
	ErrRewritten = errors.New("the audit journal was rewritten")
)

// LinkOf returns an entry's link, and false when there is no such entry.
type LinkOf func(ctx context.Context, seq int64) (string, bool, error)

// Check compares the journal with c.
func (c Checkpoint) Check(ctx context.Context, link LinkOf) error {
	if c.Seq == 0 {
		return nil
	}
	got, ok, err := link(ctx, c.Seq)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w: the checkpoint of %s names entry %d, which is gone", ErrCut, c.At.Format(time.RFC3339), c.Seq)
	}
	if got != c.Hash {
		return fmt.Errorf("%w: entry %d is not the one the checkpoint of %s signed", ErrRewritten, c.Seq, c.At.Format(time.RFC3339))
	}
	return nil
}

// Package checkpoint anchors the audit journal outside its database: a
// checkpoint is the newest entry number and link of every chain of the
// journal (one per municipality and the region's), signed with the
// installation's key, appended to a file in the data folder and written to
// the log. Whoever edits the database (and recomputes a chain) or cuts the
// newest entries of any chain cannot make the journal agree with a
// checkpoint taken before, and cannot sign a new one without the key.
package checkpoint

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
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

// Head is one chain's newest entry.
type Head struct {
	Chain int64  `json:"chain"` // a municipality's id, or 0 for the region's
	Seq   int64  `json:"seq"`   // the entry's number
	Hash  string `json:"hash"`  // its link
}

// Checkpoint is one anchor of the journal. Its JSON is also what the log
// line carries, so lines taken from a JSON log read as a checkpoints file.
//
// Version 2 names the head of every chain. Version 1 (V absent), written
// before the journal had chains, names one entry: the head of the one
// chain there was, which became the region's chain, so it is checked as
// that chain's head.
type Checkpoint struct {
	V     int       `json:"v,omitempty"`
	Heads []Head    `json:"heads,omitempty"` // version 2, by chain key
	Seq   int64     `json:"seq,omitempty"`   // version 1: the newest entry's number
	Hash  string    `json:"hash,omitempty"`  // version 1: its link
	At    time.Time `json:"at"`
	Sig   string    `json:"sig"`
}

// New signs a checkpoint of the chains' heads (chains without entries are
// left out; none at all is an empty journal).
func New(k Signer, heads []Head, at time.Time) Checkpoint {
	hs := append([]Head{}, heads...)
	sort.Slice(hs, func(i, j int) bool { return hs[i].Chain < hs[j].Chain })
	c := Checkpoint{V: 2, Heads: hs, At: at.UTC().Truncate(time.Second)}
	c.Sig = k.SignCheckpoint(c.text())
	return c
}

// text is what the signature covers; the version is part of it, so a
// checkpoint cannot be read as the other version and stay signed.
func (c Checkpoint) text() []byte {
	if c.V != 2 {
		return []byte("navigator audit checkpoint v1\n" + strconv.FormatInt(c.Seq, 10) + "\n" + c.Hash + "\n" + c.At.UTC().Format(time.RFC3339))
	}
	var b strings.Builder
	b.WriteString("navigator audit checkpoint v2\n")
	for _, h := range c.Heads {
		fmt.Fprintf(&b, "%d %d %s\n", h.Chain, h.Seq, h.Hash)
	}
	b.WriteString(c.At.UTC().Format(time.RFC3339))
	return []byte(b.String())
}

// ChainHeads returns the heads c names: a version 1 checkpoint's entry as
// the head of the region's chain (nothing when the journal was empty).
func (c Checkpoint) ChainHeads() []Head {
	if c.V == 2 {
		return c.Heads
	}
	if c.Seq == 0 {
		return nil
	}
	return []Head{{Chain: 0, Seq: c.Seq, Hash: c.Hash}}
}

// Newest is the highest entry number c names: which of two checkpoints is
// the later one.
func (c Checkpoint) Newest() int64 {
	var n int64
	for _, h := range c.ChainHeads() {
		n = max(n, h.Seq)
	}
	return n
}

// Valid reports whether the installation signed c.
func (c Checkpoint) Valid(k Signer) bool {
	return (c.V == 0 || c.V == 2) && c.Sig != "" && k.CheckpointOK(c.text(), c.Sig)
}

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
		if latest == nil || c.Newest() > latest.Newest() || c.Newest() == latest.Newest() && c.At.After(latest.At) {
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

// ErrCut says the newest entries of a chain were removed after a
// checkpoint; ErrRewritten that the entry a checkpoint names is no longer
// the one it signed (the chain was recomputed).
var (
	ErrCut       = errors.New("the newest entries of the audit journal were removed")
	ErrRewritten = errors.New("the audit journal was rewritten")
)

// Mismatch is a chain that does not agree with a checkpoint: Err is
// ErrCut or ErrRewritten.
type Mismatch struct {
	Chain, Seq int64
	At         time.Time // the checkpoint's
	Err        error
}

func (m *Mismatch) Error() string {
	if errors.Is(m.Err, ErrCut) {
		return fmt.Sprintf("%v: chain %d: the checkpoint of %s names entry %d, which is gone", m.Err, m.Chain, m.At.Format(time.RFC3339), m.Seq)
	}
	return fmt.Sprintf("%v: chain %d: entry %d is not the one the checkpoint of %s signed", m.Err, m.Chain, m.Seq, m.At.Format(time.RFC3339))
}

func (m *Mismatch) Unwrap() error { return m.Err }

// LinkOf returns the link of entry seq of a chain, and false when the
// chain has no such entry.
type LinkOf func(ctx context.Context, chain, seq int64) (string, bool, error)

// Check compares every chain c names with the journal and returns every
// chain that does not agree (a *Mismatch each, joined), nil when all do.
// A chain that was cut or rewritten is caught whatever the others hold.
func (c Checkpoint) Check(ctx context.Context, link LinkOf) error {
	var errs []error
	for _, h := range c.ChainHeads() {
		got, ok, err := link(ctx, h.Chain, h.Seq)
		if err != nil {
			return err
		}
		switch {
		case !ok:
			errs = append(errs, &Mismatch{Chain: h.Chain, Seq: h.Seq, At: c.At, Err: ErrCut})
		case got != h.Hash:
			errs = append(errs, &Mismatch{Chain: h.Chain, Seq: h.Seq, At: c.At, Err: ErrRewritten})
		}
	}
	return errors.Join(errs...)
}

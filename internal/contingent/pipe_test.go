package contingent_test

import (
	"bufio"
	"io"
)

// newPipe is an in-memory pipe with a buffered writer, so that the
// generator is not the bottleneck.
func newPipe() (io.Reader, *bufferedPipe) {
	r, w := io.Pipe()
	return r, &bufferedPipe{Writer: bufio.NewWriterSize(w, 1<<20), w: w}
}

type bufferedPipe struct {
	*bufio.Writer
	w *io.PipeWriter
}

func (p *bufferedPipe) Close() error {
	p.Flush()
	return p.w.Close()
}

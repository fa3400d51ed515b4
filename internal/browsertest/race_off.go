//go:build !race

package browsertest

// raceDetector: this test binary was built with -race.
const raceDetector = false

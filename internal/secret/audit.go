package secret

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// ChainPrefix starts every keyed link of the audit chain, telling it from
// the plain SHA-256 links written before the chain was keyed.
const ChainPrefix = "k1:"

// ChainHash is the keyed link of the audit chain over data: nobody without
// the installation's key can recompute the chain after editing a row.
func (k *Keys) ChainHash(data []byte) string {
	return ChainPrefix + macHex(k.ring[0].chain, data)
}

// ChainHashOK reports whether link is data's keyed link under any key of
// the ring (a rotation in progress keeps the old one).
func (k *Keys) ChainHashOK(data []byte, link string) bool {
	got, ok := strings.CutPrefix(link, ChainPrefix)
	if !ok {
		return false
	}
	for _, rk := range k.ring {
		if hmac.Equal([]byte(macHex(rk.chain, data)), []byte(got)) {
			return true
		}
	}
	return false
}

// SignCheckpoint signs an audit checkpoint's text.
func (k *Keys) SignCheckpoint(data []byte) string { return macHex(k.ring[0].mark, data) }

// CheckpointOK reports whether sig is data's signature under any key of
// the ring.
func (k *Keys) CheckpointOK(data []byte, sig string) bool {
	for _, rk := range k.ring {
		if hmac.Equal([]byte(macHex(rk.mark, data)), []byte(sig)) {
			return true
		}
	}
	return false
}

func macHex(key, data []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write(data)
	return hex.EncodeToString(m.Sum(nil))
}

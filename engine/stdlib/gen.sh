#!/bin/sh
# Regenerates the symbol tables of the standard library for the Go toolchain
# in use (yaegi's own tables stop at go1.22). Run from this directory, or via
# `go generate ./engine/stdlib`.
set -e
PKGS="archive/tar archive/zip bufio bytes cmp
compress/bzip2 compress/flate compress/gzip compress/lzw compress/zlib
container/heap container/list container/ring
context crypto crypto/aes crypto/cipher crypto/des crypto/dsa crypto/ecdsa crypto/ecdh
crypto/ed25519 crypto/elliptic crypto/hmac crypto/md5 crypto/rand
crypto/rc4 crypto/rsa crypto/sha1 crypto/sha256 crypto/sha512
crypto/subtle crypto/tls crypto/x509 crypto/x509/pkix
database/sql database/sql/driver
debug/buildinfo debug/dwarf debug/elf debug/gosym debug/macho debug/pe debug/plan9obj
encoding encoding/ascii85 encoding/asn1 encoding/base32
encoding/base64 encoding/binary encoding/csv encoding/gob
encoding/hex encoding/json encoding/pem encoding/xml
errors expvar flag fmt
go/ast go/build go/build/constraint go/constant go/doc go/doc/comment go/format
go/importer go/parser go/printer go/scanner go/token go/types go/version
hash hash/adler32 hash/crc32 hash/crc64 hash/fnv hash/maphash
html html/template
image image/color image/color/palette
image/draw image/gif image/jpeg image/png index/suffixarray
io io/fs io/ioutil iter log log/slog
maps math math/big math/bits math/cmplx math/rand math/rand/v2
mime mime/multipart mime/quotedprintable
net net/http net/http/cookiejar net/http/httptest net/http/httptrace net/http/httputil
net/mail net/netip net/rpc net/rpc/jsonrpc net/smtp net/textproto net/url
os os/exec os/signal os/user
path path/filepath reflect regexp regexp/syntax
runtime runtime/debug runtime/metrics runtime/pprof runtime/trace
slices sort strconv strings sync sync/atomic
testing testing/fstest testing/iotest testing/quick
text/scanner text/tabwriter text/template text/template/parse
time unicode unicode/utf16 unicode/utf8 unique"
rm -f go1_*.go
# shellcheck disable=SC2086
go run github.com/traefik/yaegi/cmd/yaegi extract -name stdlib $PKGS
for f in *.go; do
	case "$f" in stdlib.go|maptypes.go|wrapper_composed.go|restricted.go) ;; *) mv "$f" "go1_${f}" ;; esac
done

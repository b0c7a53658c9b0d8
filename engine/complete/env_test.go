package complete

import (
	"crypto/rand"
	"fmt"
	"go/constant"
	"go/token"
	mathrand "math/rand"
	"os"
	"reflect"
	"strings"
)

// Geo is a type of a package that has no sources under GOROOT.
type Geo struct{ Lat, Lon float64 }

// Dist is a method documented only by its reflect type.
func (g *Geo) Dist(to Geo, more ...Geo) (float64, error) { return 0, nil }

var geoOrigin Geo

// testEnv is a session that declared x, fib and Point, imported strings
// as str, and can import a few packages, as yaegi exports them.
func testEnv() Env {
	return Env{
		Names: map[string]string{
			"x":     "var x int",
			"fib":   "func fib(n int) int",
			"Point": "type Point struct{ X, Y int }",
			"héllo": `var héllo = "world"`,
		},
		Imports: map[string]string{"str": "strings", "fmt": "fmt"},
		Packages: map[string]map[string]reflect.Value{
			"strings/strings": {
				"HasPrefix": reflect.ValueOf(strings.HasPrefix),
				"HasSuffix": reflect.ValueOf(strings.HasSuffix),
				"Index":     reflect.ValueOf(strings.Index),
				"Builder":   reflect.ValueOf((*strings.Builder)(nil)),
				"NewReader": reflect.ValueOf(strings.NewReader),
			},
			"fmt/fmt": {
				"Println":       reflect.ValueOf(fmt.Println),
				"Printf":        reflect.ValueOf(fmt.Printf),
				"Stringer":      reflect.ValueOf((*fmt.Stringer)(nil)),
				"_fmt_Stringer": reflect.ValueOf((*struct{})(nil)),
			},
			"os/os": {
				"Args":     reflect.ValueOf(&os.Args).Elem(),
				"O_RDONLY": reflect.ValueOf(os.O_RDONLY),
			},
			"math/rand/rand":    {"Intn": reflect.ValueOf(mathrand.Intn)},
			"math/rand/v2/rand": {"IntN": reflect.ValueOf(mathrand.Intn)},
			"crypto/rand/rand":  {"Read": reflect.ValueOf(rand.Read)},
			"example.com/geo/geo": {
				"Geo":    reflect.ValueOf((*Geo)(nil)),
				"Origin": reflect.ValueOf(&geoOrigin).Elem(),
				"Earth":  reflect.ValueOf(constant.MakeFromLiteral("6371", token.INT, 0)),
				"Near":   reflect.ValueOf(func(a, b Geo, eps ...float64) bool { return false }),
			},
		},
		Magics: []string{"timeit", "time", "who"},
	}
}

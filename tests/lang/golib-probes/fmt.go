// fmt.go — probe: Go 1.19's fmt on many formats and values. `go run fmt.go > fmt.out` regenerates fmt.out,
// which tests/unit/golib_fmt_test.cpp replays against lang/lib/fmt.h.
//
// One JSON object per line: the function ("printf", "print", "println", "errorf"), the format, the
// operands described as the engine sees them (kind, Go type string, payload, children, and the results
// of their Error()/String() methods, walked with reflect as fmt walks them), and Go's output. Strings are
// hex so that any bytes survive.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"time"
)

type Celsius float64
type MyInt int
type Name string
type Bytes []byte
type P struct{ X, Y int }
type Inner struct {
	A string
	b []int
}
type Outer struct {
	Inner
	P     *P
	M     map[string]int
	Err   error
	Any   any
	hid   time.Duration
	Shown time.Duration
}
type Color int

func (c Color) String() string { return [...]string{"Red", "Green", "Blue"}[c] }

type PtrStringer struct{ n int }

func (p *PtrStringer) String() string { return fmt.Sprintf("PS(%d)", p.n) }

type Panicky struct{}

func (Panicky) String() string { panic("boom") }

type NilDeref struct{ s string }

func (n *NilDeref) String() string { return n.s }

type MyErr struct{ Code int }

func (e MyErr) Error() string { return fmt.Sprintf("code %d", e.Code) }

type GoStr struct{}

func (GoStr) GoString() string { return "GoStr!" }
func (GoStr) String() string   { return "str!" }

type Node map[string]any

func h(s string) string { return fmt.Sprintf("%x", s) }

// describe returns the engine's view of v (walked as fmt's printValue walks it).
func describe(v reflect.Value, top bool) Node {
	n := Node{}
	if !v.IsValid() {
		n["k"] = "nil"
		return n
	}
	n["t"] = v.Type().String()
	if v.CanInterface() {
		i := v.Interface()
		if _, ok := i.(fmt.GoStringer); ok {
			n["gostr"] = callMethod(func() string { return i.(fmt.GoStringer).GoString() })
		}
		if e, ok := i.(error); ok {
			n["err"] = callMethod(func() string { return e.Error() })
		} else if s, ok := i.(fmt.Stringer); ok {
			n["str"] = callMethod(func() string { return s.String() })
		}
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			n["k"] = "nil"
			return n
		}
		return describe(v.Elem(), false)
	case reflect.Bool:
		n["k"], n["b"] = "bool", v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n["k"], n["i"] = "int", fmt.Sprint(v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n["k"], n["u"] = "uint", fmt.Sprint(v.Uint())
	case reflect.Float32, reflect.Float64:
		n["k"], n["f"] = "float", fmt.Sprintf("%x", math.Float64bits(v.Float()))
		if v.Kind() == reflect.Float32 {
			n["bits"] = 32
		}
	case reflect.String:
		n["k"], n["s"] = "string", h(v.String())
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			b := make([]byte, v.Len())
			for i := range b {
				b[i] = byte(v.Index(i).Uint())
			}
			n["k"], n["s"] = "bytes", h(string(b))
			if v.Kind() == reflect.Slice {
				n["nil"], n["u"] = v.IsNil(), fmt.Sprint(v.Pointer())
			}
			return n
		}
		n["k"] = "slice"
		if v.Kind() == reflect.Array {
			n["k"] = "array"
		} else {
			n["nil"], n["u"] = v.IsNil(), fmt.Sprint(v.Pointer())
		}
		var kids []Node
		for i := 0; i < v.Len(); i++ {
			kids = append(kids, describe(v.Index(i), false))
		}
		n["kids"] = kids
	case reflect.Struct:
		n["k"] = "struct"
		var kids []Node
		var names []string
		for i := 0; i < v.NumField(); i++ {
			kids = append(kids, describe(v.Field(i), false))
			names = append(names, v.Type().Field(i).Name)
		}
		n["kids"], n["names"] = kids, names
	case reflect.Map:
		n["k"], n["nil"], n["u"] = "map", v.IsNil(), fmt.Sprint(v.Pointer())
		var keys, vals []Node
		it := v.MapRange()
		for it.Next() {
			keys = append(keys, describe(it.Key(), false))
			vals = append(vals, describe(it.Value(), false))
		}
		n["keys"], n["vals"] = keys, vals
	case reflect.Pointer:
		n["k"], n["u"] = "ptr", fmt.Sprint(v.Pointer())
		if !v.IsNil() {
			n["elem"] = describe(v.Elem(), false)
		}
	case reflect.Chan:
		n["k"], n["u"] = "chan", fmt.Sprint(v.Pointer())
	case reflect.Func:
		n["k"], n["u"] = "func", fmt.Sprint(v.Pointer())
	}
	return n
}

// callMethod runs a method, recording its result or what it panicked with.
func callMethod(f func() string) (out Node) {
	defer func() {
		if r := recover(); r != nil {
			out = Node{"panic": describe(reflect.ValueOf(r), true)}
		}
	}()
	return Node{"text": h(f())}
}

func emit(fn, format string, out string, args ...any) { emitW(fn, format, out, -1, args...) }

func emitW(fn, format string, out string, wrapped int, args ...any) {
	var descs []Node
	for _, a := range args {
		descs = append(descs, describe(reflect.ValueOf(a), true))
	}
	line := map[string]any{"fn": fn, "f": h(format), "args": descs, "out": h(out)}
	if fn == "errorf" {
		line["wrapped"] = wrapped
	}
	b, err := json.Marshal(line)
	if err != nil {
		panic(err)
	}
	os.Stdout.Write(append(b, '\n'))
}

func main() {
	p := &P{1, 2}
	var nilP *P
	var nilErr error
	var nilMap map[string]int
	var nilSlice []int
	var nilChan chan int
	values := []any{
		0, 42, -42, int8(-128), int16(300), int32(-7), int64(math.MaxInt64), int64(math.MinInt64), uint8(255),
		uint(0), uint64(math.MaxUint64), uintptr(0x1234), 'x', 'é', rune(0x1F600), rune(-1), byte('a'), uint32(0x110000),
		0.0, math.Copysign(0, -1), 1.0, -1.5, 3.14159, 1e6, 1e21, 1e20, 123456789.0, 1e-5, 0.000123, math.NaN(),
		math.Inf(1), math.Inf(-1), float32(0.1), float32(1e10), 2.5, 100.0, 1.0 / 3,
		"", "hi", "héllo", "tab\t", "\xff", `a"b`, "日本語", "`raw`", "a\u00adb",
		true, false, nil,
		[]byte("hi"), []byte(nil), [3]byte{1, 2, 3}, Bytes("xy"),
		Celsius(36.6), MyInt(7), Name("bob"),
		1500 * time.Millisecond, time.Duration(0), -time.Minute, errors.New("boom"), fmt.Errorf("wrap: %w", errors.New("inner")),
		*p, p, nilP, P{}, struct{}{}, struct {
			a int
			B string
		}{1, "x"},
		Outer{Inner{"in", []int{1}}, p, map[string]int{"z": 26, "a": 1}, errors.New("e"), 3, time.Second, time.Second},
		Outer{},
		[]int{1, 2, 3}, []string{"a", "b c"}, [][]int{{1}, {2, 3}}, []any{1, "a", nil, 2.5, []int{4}}, nilSlice,
		[]int{}, [2]bool{true, false}, []*P{p, nil}, []error{errors.New("x"), nil},
		map[string]int{"b": 2, "a": 1, "c": 3}, map[int]string{3: "c", -1: "z", 10: "j"}, nilMap,
		map[float64]string{2.5: "x", math.Inf(-1): "neg", 0: "zero"}, map[bool]int{true: 1, false: 0},
		map[P]string{{2, 1}: "b", {1, 9}: "a", {1, 2}: "c"}, map[any]int{"s": 1, 2: 2, nil: 0, 1: 3},
		map[string][]int{"x": {1, 2}}, &map[string]int{"k": 1}, &[]int{1, 2}, &[2]string{"a", "b"},
		Color(1), []Color{0, 2}, map[Color]int{2: 1}, struct{ C Color }{1}, struct{ c Color }{1},
		&PtrStringer{5}, PtrStringer{6}, []*PtrStringer{{7}}, Panicky{}, []any{Panicky{}}, (*NilDeref)(nil),
		MyErr{3}, &MyErr{4}, []error{MyErr{5}}, nilErr, GoStr{}, []GoStr{{}},
		nilChan, (func())(nil), struct{ E error }{nil}, struct{ A any }{nil},
	}
	formats := []string{"%v", "%+v", "%#v", "%T", "%d", "%s", "%q", "%x", "%X", "%o", "%O", "%b", "%c", "%U", "%#U",
		"%e", "%E", "%f", "%F", "%g", "%G", "%t", "%5v", "%-5v|", "%05d", "%+d", "% d", "% x", "%#x", "%# x",
		"%.2f", "%8.3f", "%-8.3f|", "%+.3e", "%.0f", "%#g", "%#.3g", "%.3s", "%10s", "%-10s|", "%.1q", "%+q", "%#q",
		"%6.2v", "%#o", "%#b", "%010.3f", "%+08.2f", "% 8.2f", "%z", "%-010d|", "%.5d", "%8.5d", "%.0d", "%#X",
		"%08.3e", "%.3g", "%.10g", "%x.", "%3c|", "%-4q|", "%#.4x", "%.1x", "% X", "%+.2v", "%#5v|", "%w", "%.3v"}
	for _, f := range formats {
		for _, v := range values {
			if f == "%p" {
				continue
			}
			emit("printf", f, fmt.Sprintf(f, v), v)
		}
	}
	for _, v := range []any{p, nilP, nilMap, nilSlice, []int{1}, map[string]int{}, nilChan, 5, "s", nil} {
		for _, f := range []string{"%p", "%#p", "%v", "%x", "%d", "%10p|", "%-10p|"} {
			emit("printf", f, fmt.Sprintf(f, v), v)
		}
	}
	// Several operands: argument indexes, stars, and the error annotations.
	type multi struct {
		f    string
		args []any
	}
	multis := []multi{
		{"%d %d", []any{1}}, {"%d", []any{1, "a", nil}}, {"%[2]d %[1]d", []any{1, 2}}, {"%[3]d", []any{1, 2}},
		{"%[0]d", []any{1}}, {"%[x]d", []any{1}}, {"%[1]d %d", []any{1, 2}}, {"%[2]*[1]d", []any{12, 5}},
		{"%*d|", []any{5, 42}}, {"%-*d|", []any{5, 42}}, {"%*d|", []any{-5, 42}}, {"%.*f", []any{2, 3.14159}},
		{"%*.*f|", []any{8, 3, 3.14159}}, {"%*d", []any{"x", 42}}, {"%.*d", []any{"x", 42}}, {"%.*d", []any{-1, 42}},
		{"%*d", []any{10000000, 42}}, {"%", []any{}}, {"%5", []any{1}}, {"%.", []any{1}}, {"%%", []any{}},
		{"%5%|", []any{}}, {"100%", []any{}}, {"%d%%", []any{50}}, {"%[1]d %[1]x %[1]o", []any{64}},
		{"%[3]*.[2]*[1]f", []any{12.0, 2, 6}}, {"%d %s", []any{"x", 5}}, {"%!d", []any{1}}, {"%é", []any{1}},
		{"%v %v", []any{[]int{1}, map[string]int{"a": 1}}}, {"%s", []any{nil}}, {"%d", []any{nil}},
		{"%[2]d", []any{1}}, {"%.[2]d", []any{1, 2}}, {"%[1]2d", []any{1}}, {"no verbs", []any{1, 2}},
		{"%v", []any{}}, {"%x %X", []any{"hello", []byte("hi")}}, {"%s|%10.4s|", []any{"abcdefgh", "日本語日本語"}},
		{"%08.3f|%-8.3f|%+.1e", []any{-3.14159, 2.0, 12345.678}}, {"%6.2f%%", []any{99.5}},
		{"%T %T %T", []any{nil, []any{}, map[string][]int{}}}, {"%[5]d", []any{1, 2}}, {"%[-1]d", []any{1}},
		{"%.[", []any{1}}, {"%[1", []any{1}}, {"%3.2[1]d", []any{7}}, {"%10.5[1]d|", []any{7}},
	}
	for _, m := range multis {
		emit("printf", m.f, fmt.Sprintf(m.f, m.args...), m.args...)
	}
	// Sprint and Sprintln spacing.
	lists := [][]any{{}, {1}, {1, 2}, {"a", "b"}, {1, "a", 2}, {"a", 1, 2, "b"}, {1.5, true, nil}, {Name("x"), Name("y")},
		{errors.New("e"), 3}, {[]int{1}, []int{2}}, {time.Second, "s", MyInt(2)}, {nil, nil}, {"", 1, ""}}
	for _, l := range lists {
		emit("print", "", fmt.Sprint(l...), l...)
		emit("println", "", fmt.Sprintln(l...), l...)
	}
	// Errorf and %w.
	inner := errors.New("inner")
	errfs := []multi{{"wrap: %w", []any{inner}}, {"%w and %w", []any{inner, inner}}, {"%w", []any{5}},
		{"%w", []any{"s"}}, {"%d %w", []any{1, inner}}, {"%v", []any{inner}}, {"%w", []any{nil}},
		{"%w %d", []any{MyInt(3), 4}}, {"%s: %w", []any{"ctx", MyErr{1}}}}
	for _, m := range errfs {
		e := fmt.Errorf(m.f, m.args...)
		wrapped := -1
		if u := errors.Unwrap(e); u != nil {
			for i, a := range m.args {
				if a == u {
					wrapped = i
				}
			}
		}
		emitW("errorf", m.f, e.Error(), wrapped, m.args...)
	}
}

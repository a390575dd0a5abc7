// strconv.go — probe: Go 1.19's strconv on many inputs. `go run strconv.go > strconv.out` regenerates
// strconv.out, which tests/unit/golib_strconv_test.cpp replays against lang/lib/strconv.h.
//
// One case per line, tab-separated: the function, its arguments, "=>", the results. Strings are written as
// "x" + hex bytes (exact for any bytes), floats as "f" + the hex of their IEEE bits, errors as "e" + hex
// of err.Error() or "-" for nil. A trailing "#" column is for humans and ignored by the test.
package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

func h(s string) string         { return "x" + fmt.Sprintf("%x", s) }
func fb(f float64) string       { return "f" + strconv.FormatUint(math.Float64bits(f), 16) }
func he(err error) string {
	if err == nil {
		return "-"
	}
	return "e" + fmt.Sprintf("%x", err.Error())
}

func line(fields ...string) { fmt.Println(strings.Join(fields, "\t")) }

var floats = []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 0.2 + 0.1, 1.0 / 3, 2.0 / 3, 100, 1e6, 1e20, 1e21, 1e-4,
	1e-5, 0.000123456, 123456789, 123456789.125, 1.5, 2.5, 0.5, 1.125, 0.125, 3.14159265358979, math.Pi, math.E,
	1e23, 5e-324, math.MaxFloat64, math.SmallestNonzeroFloat64, 2.2250738585072014e-308, math.Inf(1),
	math.Inf(-1), math.NaN(), 12345.678, 9.999999e6, 0.00009999, 99999.5, 1e15, 1e16, 123.456e7, -7.25e-10,
	float64(float32(0.1)), float64(float32(3.4e38)), 4.35, 1234567.0, 0.000001, 1 << 53, 1<<53 + 1}

func main() {
	for _, f := range floats {
		for _, bits := range []int{64, 32} {
			for _, c := range []byte{'e', 'E', 'f', 'g', 'G', 'b', 'x', 'X'} {
				for _, p := range []int{-1, 0, 1, 2, 3, 5, 6, 10, 17, 20, 40} {
					line("FormatFloat", fb(f), string(c), strconv.Itoa(p), strconv.Itoa(bits), "=>",
						h(strconv.FormatFloat(f, c, p, bits)), "# "+strconv.FormatFloat(f, c, p, bits))
				}
			}
		}
	}
	line("FormatFloat", fb(1), "z", "-1", "64", "=>", h(strconv.FormatFloat(1, 'z', -1, 64)))
	line("FormatFloat", fb(5e-324), "e", "800", "64", "=>", h(strconv.FormatFloat(5e-324, 'e', 800, 64)))
	line("FormatFloat", fb(1e300), "f", "30", "64", "=>", h(strconv.FormatFloat(1e300, 'f', 30, 64)))
	line("FormatFloat", fb(0.1), "g", "800", "64", "=>", h(strconv.FormatFloat(0.1, 'g', 800, 64)))

	ints := []int64{0, 1, -1, 7, 10, 35, 36, 255, -255, 1 << 31, math.MaxInt64, math.MinInt64, 1234567890}
	for _, v := range ints {
		for _, b := range []int{2, 8, 10, 16, 36} {
			line("FormatInt", strconv.FormatInt(v, 10), strconv.Itoa(b), "=>", h(strconv.FormatInt(v, b)))
			line("FormatUint", strconv.FormatUint(uint64(v), 10), strconv.Itoa(b), "=>", h(strconv.FormatUint(uint64(v), b)))
		}
	}

	strs := []string{"", "abc", "tab\there", "new\nline", `quote"s`, `back\slash`, "'", "日本語", "\x00\x01\x7f",
		"\xff\xfe", "a\xc0b", "\u00ad", "\u00a0", "\u2028", "\U0001F600", "\ufeff", "\a\b\f\r\v", "`raw`", "\u0300",
		"\xed\xa0\x80", "\U0010ffff", "\u200b", "é", "\u3000", "ab\x80"}
	for _, s := range strs {
		line("Quote", h(s), "=>", h(strconv.Quote(s)), "# "+strconv.Quote(s))
		line("QuoteToASCII", h(s), "=>", h(strconv.QuoteToASCII(s)))
		line("QuoteToGraphic", h(s), "=>", h(strconv.QuoteToGraphic(s)))
		line("CanBackquote", h(s), "=>", strconv.FormatBool(strconv.CanBackquote(s)))
	}
	runes := []rune{'a', '\'', '"', '\\', '\n', 0, 0x7f, 0xad, 0xa0, 'é', '日', 0x1F600, 0xD800, 0x110000, -1, 0xFFFD,
		0x2028, 0xe000, 0x10ffff, 0xfeff}
	for _, r := range runes {
		line("QuoteRune", strconv.Itoa(int(r)), "=>", h(strconv.QuoteRune(r)), "# "+strconv.QuoteRune(r))
		line("QuoteRuneToASCII", strconv.Itoa(int(r)), "=>", h(strconv.QuoteRuneToASCII(r)))
	}

	unq := []string{`"abc"`, `"a\tb"`, `"\x41\101\u00e9\U0001F600"`, `'a'`, `'\n'`, `'ab'`, `''`, "`raw\\n`",
		"`a\rb`", `"unterminated`, `"a"b`, `"\q"`, `"\400"`, `"\xff"`, `'\xff'`, `'\u00e9'`, `"\'"`, `'\"'`, `'"'`,
		`"'"`, `"a` + "\n" + `b"`, `"\uD800"`, `"日本"`, `'日'`, `x`, `""`, `"\"`, "\"\xff\"", "'\xff'", "`", `"\U00110000"`}
	for _, s := range unq {
		v, err := strconv.Unquote(s)
		line("Unquote", h(s), "=>", h(v), he(err), "# "+strconv.Quote(s))
	}

	pints := []string{"0", "1", "-1", "+5", "123", "-123", "9223372036854775807", "9223372036854775808",
		"-9223372036854775808", "-9223372036854775809", "99999999999999999999", "", "-", "+", "x", "1x", " 1",
		"0x1f", "0b101", "0o17", "017", "1_000", "0x_1f", "1__0", "_1", "0x", "08", "ff", "FF", "z", "18446744073709551615",
		"18446744073709551616", "-0", "127", "128", "-128", "-129", "255", "256"}
	for _, s := range pints {
		for _, base := range []int{0, 10, 16, 2, 36, 1, 37} {
			for _, bits := range []int{0, 64, 32, 8, 65} {
				v, err := strconv.ParseInt(s, base, bits)
				line("ParseInt", h(s), strconv.Itoa(base), strconv.Itoa(bits), "=>", strconv.FormatInt(v, 10), he(err))
				u, err := strconv.ParseUint(s, base, bits)
				line("ParseUint", h(s), strconv.Itoa(base), strconv.Itoa(bits), "=>", strconv.FormatUint(u, 10), he(err))
			}
		}
		v, err := strconv.Atoi(s)
		line("Atoi", h(s), "=>", strconv.Itoa(v), he(err))
	}

	pfloats := []string{"0", "1", "-1", "+1.5", "1e10", "1E10", "1e+10", "1e-10", ".5", "5.", ".", "1e", "1e+", "e5",
		"0x1p-2", "0x1.8p1", "0X1P+3", "0x1", "0x.8p1", "0x1p", "1_000.5", "0x_1p0", "1__0", "inf", "+Inf", "-inf",
		"INFINITY", "infinity", "infin", "nan", "NaN", "-nan", "+nan", "1e400", "-1e400", "1e-400", "-1e-400",
		"4e-324", "2e-324", "3e-324", "5e-324", "2.2250738585072011e-308", "1.7976931348623157e308",
		"1.7976931348623159e308", "3.4028235e38", "3.4028236e38", "3.5e38", "1e-46", "1e-45", "0.1", "0.30000000000000004",
		"123456789012345678901234567890", "0.000000000000000000000000000001", "1.00000000000000011102230246251565404236316680908203125",
		"1.00000000000000011102230246251565404236316680908203124", "", " 1", "1 ", "1.5x", "0x1.fffffffffffff8p1023",
		"0x1p-1074", "0x1p-1075", "0x1p1024", "1e-1000000", "1e1000000", "00012", "0.000", "-0", "1_0", "0x1_0p0"}
	for _, s := range pfloats {
		for _, bits := range []int{64, 32} {
			v, err := strconv.ParseFloat(s, bits)
			line("ParseFloat", h(s), strconv.Itoa(bits), "=>", fb(v), he(err), fmt.Sprintf("# %v", v))
		}
	}
	for _, s := range []string{"1", "t", "T", "true", "TRUE", "True", "0", "f", "F", "false", "FALSE", "False", "yes", "", "tRUE"} {
		v, err := strconv.ParseBool(s)
		line("ParseBool", h(s), "=>", strconv.FormatBool(v), he(err))
	}
}

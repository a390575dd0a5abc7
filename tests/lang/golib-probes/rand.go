// rand.go — probe: Go 1.19's math/rand streams. `go run rand.go > rand.out` regenerates rand.out,
// which tests/unit/golib_rand_test.cpp compares line by line with lang/lib/rand.h.
package main

import (
	"fmt"
	"math/rand"
)

func main() {
	// The unseeded global source (Go 1.19: Seed(1)).
	for i := 0; i < 10; i++ {
		fmt.Println("global Intn(1000)", rand.Intn(1000))
	}
	for _, seed := range []int64{1, 0, -1, 42, 7, 2147483647, 2147483648, -9223372036854775808, 9223372036854775807, 1234567890123} {
		r := rand.New(rand.NewSource(seed))
		fmt.Println("seed", seed)
		for i := 0; i < 3; i++ {
			fmt.Println("Int63", r.Int63())
		}
		fmt.Println("Uint32", r.Uint32(), r.Uint32())
		fmt.Println("Uint64", r.Uint64(), r.Uint64())
		fmt.Println("Int31", r.Int31(), r.Int31())
		fmt.Println("Int", r.Int(), r.Int())
		fmt.Println("Int63n", r.Int63n(1000000007), r.Int63n(1<<40), r.Int63n(1), r.Int63n(9223372036854775807))
		fmt.Println("Int31n", r.Int31n(10), r.Int31n(1<<20), r.Int31n(2147483647), r.Int31n(3))
		fmt.Println("Intn", r.Intn(1000), r.Intn(6), r.Intn(1<<31-1), r.Intn(1<<31), r.Intn(1<<62+3))
		fmt.Println("Float64", r.Float64(), r.Float64())
		fmt.Println("Float32", r.Float32(), r.Float32())
		fmt.Println("Perm", r.Perm(10), r.Perm(0), r.Perm(1))
		s := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
		r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
		fmt.Println("Shuffle", s)
	}
	// A long run: the 10000th value of Seed(99), to exercise the feedback register's wraparound.
	r := rand.New(rand.NewSource(99))
	var v int64
	for i := 0; i < 10000; i++ {
		v = r.Int63()
	}
	fmt.Println("long", v)
	rand.Seed(5)
	fmt.Println("global Seed(5) Int", rand.Int(), rand.Intn(100))
}

// sync.Pool: Get returns what was Put last, or what New makes; Put drops nil.
package main

import (
	"bytes"
	"fmt"
	"sync"
)

func main() {
	made := 0
	pool := sync.Pool{New: func() any {
		made++
		return new(bytes.Buffer)
	}}
	b := pool.Get().(*bytes.Buffer)
	b.WriteString("first")
	pool.Put(b)
	c := pool.Get().(*bytes.Buffer)
	fmt.Println(c.String(), b == c, made)
	d := pool.Get().(*bytes.Buffer)
	fmt.Println(d.Len(), made)
	var empty sync.Pool
	fmt.Println(empty.Get())
	empty.Put(nil)
	empty.Put("x")
	fmt.Println(empty.Get(), empty.Get())
}

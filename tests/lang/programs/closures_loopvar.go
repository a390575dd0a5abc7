// expected: hand-written — Go 1.22 loop variables (one per iteration); Go 1.19 prints "i = 3" three times.
package main

import "fmt"

func main() {
	var fs []func()
	for i := 0; i < 3; i++ {
		fs = append(fs, func() { fmt.Println("i =", i) })
	}
	for _, f := range fs {
		f()
	}
	for i := range 2 {
		fmt.Println("range over int", i)
	}
}

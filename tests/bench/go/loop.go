// A loop summing 10^7 integers: the arithmetic anchor program (loop.py and loop.lua are the same program).
package main

import "fmt"

func main() {
	sum := 0
	for i := 0; i < 10000000; i++ {
		sum += i
	}
	fmt.Println(sum)
}

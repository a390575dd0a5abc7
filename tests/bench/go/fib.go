// fib(27), recursively: the call-heavy anchor program (fib.py and fib.lua are the same program).
package main

import "fmt"

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	fmt.Println(fib(27))
}

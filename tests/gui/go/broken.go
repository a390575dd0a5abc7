// A typo: the program uses a variable it never declared.
package main

import "fmt"

func main() {
	total := 0
	fmt.Println("total", totl, total)
}

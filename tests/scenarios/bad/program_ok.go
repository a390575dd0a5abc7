package main

import "fmt"

var workers = 3

func main() {
	fmt.Println("workers:", workers)
}

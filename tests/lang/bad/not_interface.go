package main

import "fmt"

type Counter struct{ n int }

func (c *Counter) String() string { return fmt.Sprint(c.n) }

func main() {
	var s fmt.Stringer = Counter{}
	fmt.Println(s)
}

package main

import (
	"fmt"
	"strings"
)

type Point struct {
	X, Y int
}

type Person struct {
	Name string
	Age  int
	Tags []string
	Home *Point
}

func main() {
	p := Point{1, 2}
	q := p
	q.X = 10
	fmt.Println(p, q, p == Point{1, 2})
	pp := &p
	pp.Y = 20
	fmt.Println(p, *pp)
	people := map[string]Person{
		"bob":   {"Bob", 30, []string{"a"}, nil},
		"alice": {Name: "Alice", Age: 25, Home: &Point{3, 4}},
	}
	fmt.Println(len(people), people["alice"].Home.X)
	bob, ok := people["bob"]
	fmt.Println(bob.Name, ok)
	_, ok = people["carol"]
	fmt.Println(ok)
	delete(people, "bob")
	fmt.Println(len(people))
	counts := map[string]int{}
	for _, w := range strings.Fields("the quick the lazy the end") {
		counts[w]++
	}
	fmt.Println(counts)
	grid := [3][3]int{}
	grid[1][1] = 5
	fmt.Println(grid)
	s := make([]int, 0, 2)
	for i := 0; i < 5; i++ {
		s = append(s, i*i)
	}
	fmt.Println(s, len(s), cap(s), s[1:3])
	b := []byte("héllo")
	fmt.Println(len(b), string(b[0:1]))
	for i, r := range "héllo" {
		fmt.Print(i, ":", string(r), " ")
	}
	fmt.Println()
	var anon = struct {
		a int
		b string
	}{1, "x"}
	fmt.Printf("%v %+v %T\n", anon, anon, anon)
}

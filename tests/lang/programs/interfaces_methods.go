package main

import (
	"fmt"
	"math"
)

type Shape interface {
	Area() float64
	Perimeter() float64
}

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }

func (r Rect) Area() float64       { return r.W * r.H }
func (r Rect) Perimeter() float64  { return 2 * (r.W + r.H) }
func (c Circle) Area() float64     { return math.Pi * c.R * c.R }
func (c Circle) Perimeter() float64 { return 2 * math.Pi * c.R }

type Named struct {
	Rect
	Name string
}

func (n *Named) Rename(s string) { n.Name = s }

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

func describe(s Shape) string {
	switch v := s.(type) {
	case Rect:
		return fmt.Sprintf("rect %vx%v", v.W, v.H)
	case Circle:
		return fmt.Sprintf("circle r=%v", v.R)
	default:
		return "unknown"
	}
}

func main() {
	shapes := []Shape{Rect{3, 4}, Circle{1}}
	for _, s := range shapes {
		fmt.Printf("%s: area %.2f perimeter %.2f\n", describe(s), s.Area(), s.Perimeter())
	}
	n := Named{Rect{1, 2}, "small"}
	n.Rename("tiny")
	fmt.Println(n.Name, n.Area(), n.W)
	fmt.Printf("%v %+v\n", n, n)
	var t Celsius = 21.5
	fmt.Println(t)
	var s Shape = Rect{2, 2}
	if r, ok := s.(Rect); ok {
		fmt.Println("is rect", r.W)
	}
	_, ok := s.(Circle)
	fmt.Println("is circle", ok)
	p := &Rect{5, 6}
	fmt.Println(p.Area(), *p)
}

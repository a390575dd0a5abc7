package main

import (
	"fmt"
	"math/rand"
	"runtime"
	"sort"
	"strconv"
	"sync"
)

type Op func(int, int) int

func apply(op Op, a, b int) int { return op(a, b) }

func sum(xs ...int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

type Stack struct{ items []int }

func (s *Stack) Push(v int) { s.items = append(s.items, v) }
func (s *Stack) Pop() (int, bool) {
	if len(s.items) == 0 {
		return 0, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

func main() {
outer:
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if j == 2 {
				continue outer
			}
			if i == 2 {
				break outer
			}
			fmt.Print(i, j, " ")
		}
	}
	fmt.Println()
	switch x := 5; {
	case x > 3:
		fmt.Println("big")
		fallthrough
	case x > 1:
		fmt.Println("medium")
	default:
		fmt.Println("small")
	}
	fmt.Println(apply(func(a, b int) int { return a * b }, 6, 7), sum(), sum(1, 2, 3), sum([]int{4, 5}...))
	var s Stack
	push := s.Push
	push(1)
	push(2)
	v, ok := s.Pop()
	fmt.Println(v, ok, len(s.items))
	var once sync.Once
	for i := 0; i < 3; i++ {
		once.Do(func() { fmt.Println("once", i) })
	}
	rand.Seed(42)
	fmt.Println(rand.Intn(100), rand.Intn(100), strconv.Itoa(99)+"!")
	n, err := strconv.Atoi("12x")
	fmt.Println(n, err)
	var rw sync.RWMutex
	rw.RLock()
	rw.RUnlock()
	rw.Lock()
	rw.Unlock()
	done := make(chan bool)
	go func() {
		for i := 0; i < 3; i++ {
			fmt.Println("goroutine", i)
			runtime.Gosched()
		}
		done <- true
	}()
	for i := 0; i < 3; i++ {
		fmt.Println("main", i)
		runtime.Gosched()
	}
	<-done
	xs := []int{5, 2, 8, 1}
	sort.Ints(xs)
	fmt.Println(xs)
}

package main

import (
	"fmt"
	"time"
)

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
)

func (d Weekday) String() string {
	return [...]string{"Sun", "Mon", "Tue"}[d]
}

const (
	KB = 1 << (10 * (iota + 1))
	MB
	GB
)

const big = 1 << 62
const workers = 3

func main() {
	fmt.Println(Sunday, Monday, Tuesday)
	fmt.Println(KB, MB, GB, big/(1<<60))
	fmt.Println(2*time.Second, 1500*time.Millisecond, time.Duration(90)*time.Minute)
	var x uint8 = 255
	x++
	var y int8 = 127
	y++
	fmt.Println(x, y, 7/2, -7/2, 7%3, -7%3, 7.0/2)
	const f = 1e3
	var n int = f
	fmt.Println(n, workers*2)
	fmt.Printf("%5d|%-5s|%05.2f|%x|%q|%t|%c\n", 42, "ab", 3.14159, 255, "hi", true, 'G')
}

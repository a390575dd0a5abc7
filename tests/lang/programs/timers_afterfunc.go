// time.AfterFunc, Stop and Reset on the virtual clock; timers firing at one instant.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	start := time.Now()
	wg.Add(3)
	for i := 1; i <= 3; i++ {
		i := i
		d := time.Duration(4-i) * 100 * time.Millisecond
		time.AfterFunc(d, func() {
			fmt.Println("func", i, "at", time.Since(start))
			wg.Done()
		})
	}
	stopped := time.AfterFunc(time.Second, func() { fmt.Println("never") })
	fmt.Println("stopped:", stopped.Stop())
	wg.Wait()

	t := time.AfterFunc(time.Hour, func() { fmt.Println("reset func at", time.Since(start)) })
	fmt.Println("reset:", t.Reset(200*time.Millisecond))
	time.Sleep(time.Second)

	// Three sleepers and a timer due at the same instant: Go's timer heap decides their order.
	ch := make(chan string)
	for _, name := range []string{"a", "b", "c"} {
		name := name
		go func() {
			time.Sleep(time.Second)
			ch <- name
		}()
	}
	after := time.After(time.Second)
	got := []string{}
	for len(got) < 4 {
		select {
		case s := <-ch:
			got = append(got, s)
		case <-after:
			got = append(got, "after")
		}
	}
	fmt.Println(got, time.Since(start))
}

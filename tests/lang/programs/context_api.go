// package context: printing contexts, Err texts, Deadline, Value lookup through the chain, cancellation of
// children, WithDeadline under a sooner parent deadline, and a timeout on the virtual clock.
package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

type key string

func (k key) String() string { return "key(" + string(k) + ")" }

func main() {
	bg := context.Background()
	fmt.Println(bg, context.TODO())
	fmt.Println(bg.Err(), bg.Done() == nil)
	_, ok := bg.Deadline()
	fmt.Println("deadline:", ok)

	parent, cancel := context.WithCancel(bg)
	vctx := context.WithValue(parent, key("user"), "gopher")
	child, cancelChild := context.WithCancel(vctx)
	defer cancelChild()
	fmt.Println(parent)
	fmt.Println(vctx)
	fmt.Println(child)
	fmt.Println(child.Value(key("user")), child.Value(key("other")), child.Value("user"))

	done := make(chan bool)
	go func() {
		<-child.Done()
		fmt.Println("child:", child.Err())
		done <- true
	}()
	time.Sleep(10 * time.Millisecond)
	cancel()
	<-done
	fmt.Println("parent:", parent.Err(), parent.Err() == context.Canceled)
	cancel() // a second cancel does nothing

	tctx, tcancel := context.WithTimeout(bg, 50*time.Millisecond)
	defer tcancel()
	dl, ok := tctx.Deadline()
	fmt.Println(dl, ok)
	fmt.Println(tctx)
	sooner, scancel := context.WithTimeout(tctx, time.Hour)
	defer scancel()
	fmt.Println(sooner)
	start := time.Now()
	select {
	case <-sooner.Done():
		fmt.Println(sooner.Err(), time.Since(start))
	case <-time.After(time.Second):
		fmt.Println("overslept")
	}
	fmt.Println(errors.Is(tctx.Err(), context.DeadlineExceeded), tctx.Err() == context.DeadlineExceeded)

	past, pcancel := context.WithDeadline(bg, time.Now().Add(-time.Second))
	defer pcancel()
	fmt.Println(past.Err())
	fmt.Printf("%v|%s\n", context.Canceled, context.DeadlineExceeded)
}

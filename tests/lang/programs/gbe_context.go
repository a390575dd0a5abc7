// Go by Example: Context (https://gobyexample.com/context), adapted: the page's HTTP handler becomes a
// function given a context that main cancels after 2 s (net/http is not in Interleave's Go subset). The
// handler's own lines are the page's, with fmt.Fprintf(w, ...) and http.Error(...) printing instead.
package main

import (
	"context"
	"fmt"
	"time"
)

func hello(ctx context.Context, done chan<- bool) {
	fmt.Println("server: hello handler started")
	defer fmt.Println("server: hello handler ended")

	select {
	case <-time.After(10 * time.Second):
		fmt.Println("hello")
	case <-ctx.Done():
		err := ctx.Err()
		fmt.Println("server:", err)
		fmt.Println("500 Internal Server Error:", err.Error())
	}
	done <- true
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan bool)
	go hello(ctx, done)
	time.Sleep(2 * time.Second)
	fmt.Println("client: ^C")
	cancel()
	<-done
}

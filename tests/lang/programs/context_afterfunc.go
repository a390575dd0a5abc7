// A CancelFunc run by time.AfterFunc: the timer's goroutine cancels the context.
package main

import (
	"context"
	"fmt"
	"time"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	start := time.Now()
	time.AfterFunc(10*time.Millisecond, cancel)
	<-ctx.Done()
	fmt.Println(ctx.Err(), time.Since(start))
}

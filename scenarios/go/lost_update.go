// A lost update, shown with Interleave's teaching package: two tellers each read the balance, work on the
// deposit for a while, and write the balance back. interleave.Work is the computation (it holds a
// processor), Label says what each teller is doing, Watch plots the balance, and Check is the invariant
// that no deposit is lost. On one processor the tellers take turns and the books balance; on two they
// overlap, one overwrites the other's update, and the check fails. Builds with `go run` too (go.mod).
package main

import (
	"fmt"
	"sync"
	"time"

	"interleave"
)

var balance int

func teller(name string, amount int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < 3; i++ {
		interleave.Label(name + " reads")
		b := balance
		interleave.Label(name + " computes")
		interleave.Work(10 * time.Millisecond)
		interleave.Label(name + " writes")
		balance = b + amount
	}
	interleave.Label("")
}

func main() {
	interleave.Watch("balance", &balance)
	var wg sync.WaitGroup
	wg.Add(2)
	go teller("alice", 100, &wg)
	go teller("bob", 10, &wg)
	wg.Wait()
	fmt.Println("balance:", balance)
	interleave.Check(balance == 330, "no deposit is lost")
}

// errors.Is and errors.Unwrap through fmt.Errorf's %w, a custom Is method, and context errors.
package main

import (
	"context"
	"errors"
	"fmt"
)

var ErrNotFound = errors.New("not found")

type timeout struct{}

func (timeout) Error() string        { return "timeout" }
func (timeout) Is(target error) bool { return target == context.DeadlineExceeded }

func main() {
	err := fmt.Errorf("fetch %q: %w", "golang.org", ErrNotFound)
	fmt.Println(err)
	fmt.Println(errors.Is(err, ErrNotFound), errors.Unwrap(err) == ErrNotFound)
	outer := fmt.Errorf("crawl: %w", err)
	fmt.Println(outer, errors.Is(outer, ErrNotFound))
	fmt.Println(errors.Is(outer, errors.New("not found")))
	fmt.Println(errors.Unwrap(ErrNotFound) == nil, errors.Unwrap(fmt.Errorf("no wrap %v", ErrNotFound)) == nil)
	fmt.Println(errors.Is(timeout{}, context.DeadlineExceeded), errors.Is(fmt.Errorf("w: %w", timeout{}), context.DeadlineExceeded))
	fmt.Println(errors.Is(nil, nil), errors.Is(nil, ErrNotFound), errors.Is(err, nil))
	fmt.Printf("%v|%T\n", fmt.Errorf("x %w", nil), ErrNotFound)
}

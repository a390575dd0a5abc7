// expected: hand-written — valid Go, but generics are outside Interleave's Go subset.
package main

func Map[T any](xs []T) []T { return xs }

func main() {
}

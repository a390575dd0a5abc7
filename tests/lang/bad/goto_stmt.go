// expected: hand-written — valid Go, but goto is outside Interleave's Go subset.
package main

func main() {
	goto end
end:
}

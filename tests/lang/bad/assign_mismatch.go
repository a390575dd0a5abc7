package main

func main() {
	var n int = "five"
	_ = n
}

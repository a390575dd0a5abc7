package main

func main() {
	var b uint8 = 300
	_ = b
}

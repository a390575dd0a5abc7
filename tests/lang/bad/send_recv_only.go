package main

func consume(jobs <-chan int) {
	jobs <- 1
}

func main() {
	consume(make(chan int))
}

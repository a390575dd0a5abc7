package main

import "fmt"

func worker(c chan int) {
	v := <-c
	fmt.Println("got", v)
}

func main() {
	c := make(chan int)
	go worker(c)
	c2 := make(chan int)
	fmt.Println("waiting")
	<-c2
}

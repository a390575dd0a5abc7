package main

import "fmt"

func main() {
	c := make(chan int, 2)
	c <- 1
	close(c)
	v, ok := <-c
	fmt.Println(v, ok)
	v, ok = <-c
	fmt.Println(v, ok)
	defer func() {
		fmt.Println("recovered:", recover())
		close(c)
	}()
	c <- 2
}

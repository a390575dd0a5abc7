package main

import "fmt"

type Node struct {
	val  int
	next *Node
}

func (n *Node) Sum() int {
	if n == nil {
		return 0
	}
	return n.val + n.next.Sum()
}

func main() {
	var head *Node
	for i := 1; i <= 100; i++ {
		head = &Node{i, head}
	}
	fmt.Println(head.Sum())
}

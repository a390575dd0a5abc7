// bytes.Buffer as an io.Writer for fmt.Fprint*, and its methods.
package main

import (
	"bytes"
	"fmt"
	"os"
)

func main() {
	var b bytes.Buffer
	b.WriteString("hello")
	b.WriteByte(',')
	b.WriteRune('→')
	b.Write([]byte(" world"))
	fmt.Fprintf(&b, " %d+%d=%d", 1, 2, 3)
	fmt.Println(b.String(), b.Len())
	fmt.Println(&b)
	b.Reset()
	fmt.Println(b.Len(), b.String() == "")
	fmt.Fprintln(&b, "to stdout via WriteTo")
	n, err := b.WriteTo(os.Stdout)
	fmt.Println(n, err, b.Len())
	fmt.Println(bytes.NewBufferString("made").String())
}

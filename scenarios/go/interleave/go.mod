module interleave

go 1.19

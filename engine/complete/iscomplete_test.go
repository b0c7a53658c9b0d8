package complete

import "testing"

func TestIsComplete(t *testing.T) {
	tests := []struct {
		code, status, indent string
	}{
		{"", "complete", ""},
		{"  \n\t", "complete", ""},
		{"1+1", "complete", ""},
		{"1+1;", "complete", ""},
		{`fmt.Println("hi")`, "complete", ""},
		{"x := 3\nx", "complete", ""},
		{"import \"fmt\"\nfunc f() int { return 1 }\nfmt.Println(f())", "complete", ""},
		{"type P struct{ X int }\nvar p P\np.X = 2", "complete", ""},
		{"%timeit fib(10)", "complete", ""},
		{"%time\nx := 1", "complete", ""},
		{"%%writefile a.txt\nnot go at all {", "complete", ""},
		{"fmt.Println?", "complete", ""},
		{"func f() {", "incomplete", "    "},
		{"for i := 0; i < 3; i++ {\n\tif i > 1 {", "incomplete", "        "},
		{"fmt.Println(1,", "incomplete", "    "},
		{"x := []int{\n1, 2,", "incomplete", "    "},
		{"x := 1 +", "incomplete", "    "},
		{"s := `raw\nstring", "incomplete", ""},
		{"/* comment", "incomplete", ""},
		{"if x {\n\ty :=", "incomplete", "    "},
		{"%time\nfunc f() {", "incomplete", "    "},
		{")(", "invalid", ""},
		{"x := }", "invalid", ""},
		{"func f() { ]", "invalid", ""},
		{`s := "unterminated`, "invalid", ""},
		{"x := 1 2", "invalid", ""},
		{"if x {\n\t1 2", "invalid", ""},
		{"é := 1\né", "complete", ""},
		{"x := 1\nfunc g() {}\nimport \"os\"\nos.Exit(x)", "complete", ""},
		{"func (p P) M() int {\n\treturn 1\n}\nvar p P\np.M()", "complete", ""},
		{"import \"fmt\"\nfunc f() {\n\tfmt.Println(", "incomplete", "        "},
		{"x := 1\nfunc g() { 1 2 }", "invalid", ""},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			status, indent := IsComplete(tt.code)
			if status != tt.status || indent != tt.indent {
				t.Errorf("IsComplete = %q, %q; want %q, %q", status, indent, tt.status, tt.indent)
			}
		})
	}
}

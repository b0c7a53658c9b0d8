package rewrite

import "go/ast"

type parsedFile struct{ *ast.File }

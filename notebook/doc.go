// Package notebook reads and writes Jupyter notebooks: nbformat 4 JSON
// (.ipynb) and the jupytext markdown formats (MyST markdown with
// {code-cell} fences, and plain markdown whose ```go fences are code cells).
//
// The model keeps text as plain strings; the on-disk shapes (lists of lines,
// cell ids, sorted keys) are a concern of the readers and writers only.
package notebook

"""notebooks/assignment-template grades a student's answer with `gokernel run`:
the template, which ships with a working answer, exits 0; a copy with a
wrong answer in the cell tagged `student` exits 1 with the message of the
cell tagged `hidden-checker`. The hand-out steps documented in the notebook
(nbconvert removing the checker) are run too.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest

from conftest import REPO

TEMPLATE = REPO / "notebooks" / "assignment-template.md"
RUN_TIMEOUT = 300  # seconds; generous, for a loaded machine, not a speed check

IMPORTS = 'import (\n\t"sort"\n\t"strings"\n\t"unicode"\n)\n\n'

# Wrong answers a student might hand in, each with a part of the message the
# grader must show for it.
WRONG = {
    "ignores case": (
        IMPORTS
        + """func TopWords(text string, k int) []string {
	counts := map[string]int{}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		counts[w]++
	}
	words := []string{}
	for w := range counts {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if counts[words[i]] != counts[words[j]] {
			return counts[words[i]] > counts[words[j]]
		}
		return words[i] < words[j]
	})
	if k < 0 {
		k = 0
	}
	if k < len(words) {
		words = words[:k]
	}
	return words
}""",
        'TopWords("Go go GO! gopher", 1) = ["GO"], want ["go"]',
    ),
    "left as TODO": (
        "func TopWords(text string, k int) []string {\n\t// TODO: your code here.\n\treturn nil\n}",
        'TopWords("the cat and the hat", 2) = [], want ["the" "and"]',
    ),
    "panics when k is too large": (
        IMPORTS
        + """func TopWords(text string, k int) []string {
	counts := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		counts[w]++
	}
	words := []string{}
	for w := range counts {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if counts[words[i]] != counts[words[j]] {
			return counts[words[i]] > counts[words[j]]
		}
		return words[i] < words[j]
	})
	if k < 0 {
		k = 0
	}
	return words[:k]
}""",
        'TopWords("b a c b a b", 5) panicked:',
    ),
}


def _run(binary: Path, notebook: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(binary), "run", str(notebook), "-o", str(out)],
        cwd=notebook.parent,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )


def _tagged(nb, tag: str) -> list:
    return [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]


def _with_student_source(source: str, path: Path) -> Path:
    """Writes the template with `source` in the student cell, as a grader
    does with a submission, and returns the file."""
    nb = jupytext.read(TEMPLATE)
    (student,) = _tagged(nb, "student")
    student.source = source
    nbformat.write(nb, path)
    return path


def _checker_output(nb) -> str:
    (checker,) = _tagged(nb, "hidden-checker")
    return "".join(o.get("text", "") for o in checker.outputs if o.output_type == "stream")


def test_template_layout():
    nb = jupytext.read(TEMPLATE)
    code = [c for c in nb.cells if c.cell_type == "code"]
    student, checker = _tagged(nb, "student"), _tagged(nb, "hidden-checker")
    assert len(student) == 1 and student[0].cell_type == "code", "one code cell tagged student"
    assert len(checker) == 1 and checker[0] is code[-1], "the last code cell is the one tagged hidden-checker"
    assert "func TopWords(" in student[0].source
    assert all(c.cell_type == "markdown" for c in _tagged(nb, "teacher")), "teacher notes are markdown"


def test_template_passes(kernel_binary, tmp_path):
    out = tmp_path / "graded.ipynb"
    r = _run(kernel_binary, TEMPLATE, out)
    assert r.returncode == 0, f"exit {r.returncode}\nstdout:\n{r.stdout}\nstderr:\n{r.stderr}"
    text = _checker_output(nbformat.read(out, as_version=4))
    assert "checks passed" in text, text
    assert "checker: all" in r.stdout, r.stdout


@pytest.mark.parametrize("answer", sorted(WRONG))
def test_wrong_answer_fails(kernel_binary, tmp_path, answer):
    source, message = WRONG[answer]
    submission = _with_student_source(source, tmp_path / "submission.ipynb")
    out = tmp_path / "graded.ipynb"
    r = _run(kernel_binary, submission, out)
    assert r.returncode == 1, f"exit {r.returncode}\nstdout:\n{r.stdout}\nstderr:\n{r.stderr}"
    assert "checks failed" in r.stderr, r.stderr
    assert message in r.stderr, r.stderr
    # The graded notebook records the failure in the checker cell.
    (checker,) = _tagged(nbformat.read(out, as_version=4), "hidden-checker")
    errors = [o for o in checker.outputs if o.output_type == "error"]
    assert errors and message in errors[0].evalue, checker.outputs


def test_answer_that_does_not_compile_fails(kernel_binary, tmp_path):
    source = "func TopWords(text string, k int) []string {\n\treturn undefinedName\n}"
    submission = _with_student_source(source, tmp_path / "submission.ipynb")
    r = _run(kernel_binary, submission, tmp_path / "graded.ipynb")
    assert r.returncode == 1, f"exit {r.returncode}\nstdout:\n{r.stdout}\nstderr:\n{r.stderr}"
    assert "undefined: undefinedName" in r.stderr, r.stderr


def test_handout_then_grading(kernel_binary, tmp_path):
    """The steps of the notebook's "For teachers" section: strip the checker
    and the notes with nbconvert, let a student run the hand-out, then grade
    the student's cell in the full notebook."""
    # Step 1: the body of TopWords becomes a TODO.
    full = _with_student_source(WRONG["left as TODO"][0], tmp_path / "assignment-template.ipynb")
    # Step 2: the students' copy, with the command the notebook gives.
    strip = [
        *("--to", "notebook", "--output", "handout"),
        "--ClearOutputPreprocessor.enabled=True",
        "--TagRemovePreprocessor.enabled=True",
        "--TagRemovePreprocessor.remove_cell_tags=hidden-checker",
        "--TagRemovePreprocessor.remove_cell_tags=teacher",
    ]
    r = subprocess.run(
        [sys.executable, "-m", "nbconvert", *strip, str(full)], capture_output=True, text=True, timeout=RUN_TIMEOUT
    )
    assert r.returncode == 0, r.stderr
    handout = nbformat.read(tmp_path / "handout.ipynb", as_version=4)
    assert not _tagged(handout, "hidden-checker") and not _tagged(handout, "teacher")
    assert "checkerRun" not in nbformat.writes(handout), "the hand-out gives the checker away"

    # The student runs the hand-out: without the checker it runs cleanly.
    r = _run(kernel_binary, tmp_path / "handout.ipynb", tmp_path / "handout.out.ipynb")
    assert r.returncode == 0, f"exit {r.returncode}\nstderr:\n{r.stderr}"

    # The student's answer (still the TODO) goes back into the full notebook.
    (answer,) = _tagged(handout, "student")
    graded = _with_student_source(answer.source, tmp_path / "graded.ipynb")
    r = _run(kernel_binary, graded, tmp_path / "graded.out.ipynb")
    assert r.returncode == 1, f"exit {r.returncode}\nstderr:\n{r.stderr}"
    assert "checks failed" in r.stderr, r.stderr

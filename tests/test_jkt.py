"""The kernel against jupyter_kernel_test's protocol conformance suite,
with every sample filled in: a skipped test here fails (see conftest)."""

from __future__ import annotations

import jupyter_kernel_test as jkt

from conftest import KERNEL_NAME


class GoKernelTests(jkt.KernelTests):
    kernel_name = KERNEL_NAME

    language_name = "go"
    file_extension = ".go"

    code_hello_world = 'import "fmt"\nfmt.Println("hello, world")'

    code_stderr = 'import (\n\t"fmt"\n\t"os"\n)\nfmt.Fprintln(os.Stderr, "oops")'

    # A match replaces the whole selector expression, as IPython's do.
    completion_samples = [
        {"text": 'import "fmt"\nfmt.Printl', "matches": {"fmt.Println"}},
        {
            "text": 'import "strings"\nstrings.ToUpp',
            "matches": {"strings.ToUpper", "strings.ToUpperSpecial"},
        },
        {"text": "appen", "matches": {"append"}},
    ]

    complete_code_samples = [
        "1 + 1",
        "x := 1",
        'import "fmt"',
        "func f() int { return 1 }",
        "for i := 0; i < 3; i++ {\n\tx += i\n}",
    ]
    incomplete_code_samples = [
        "func f() {",
        "for i := 0; i < 3; i++ {",
        "xs := []int{1,\n\t2,",
        "s := `raw\nstring",
    ]
    invalid_code_samples = [
        "x := 1)",
        "func f() int { return 1 }}",
    ]

    code_page_something = "fmt.Println?"

    code_generate_error = 'panic("boom")'

    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": '"go" + "pher"', "result": '"gopher"'},
        {"code": "[]int{1, 2}", "result": "[]int{1, 2}"},
    ]

    code_display_data = [
        {"code": 'import "gokernel/display"\ndisplay.HTML("<b>hi</b>")', "mime": "text/html"},
        {"code": 'import "gokernel/display"\ndisplay.Markdown("# hi")', "mime": "text/markdown"},
    ]

    # Glob pattern matching exactly one of code_execute_result's cells.
    code_history_pattern = "6?7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "fmt.Println"

    code_clear_output = 'import "gokernel/display"\ndisplay.ClearOutput(false)'


def test_every_sample_is_filled():
    """Each sample attribute jupyter_kernel_test knows about is set here, so
    a newer jupyter_kernel_test with more samples fails until they are."""
    base = jkt.KernelTests
    names = [
        n
        for n in vars(base)
        if (n.startswith("code_") or n.endswith("_samples") or n.endswith("_operations"))
        and not callable(getattr(base, n))
    ] + ["language_name", "file_extension"]
    empty = [n for n in names if not getattr(GoKernelTests, n)]
    assert not empty, f"samples left empty: {empty}"
    assert GoKernelTests.kernel_name == KERNEL_NAME

"""The public surface is pinned: changing it is a deliberate act."""
import subprocess
import sys

import warmonitor
from warmonitor import errors


def test_top_level_names():
    assert sorted(warmonitor.__all__) == ["Pipeline", "Result", "__version__", "extract"]


def test_import_is_light():
    code = "import sys, warmonitor; print(any(m.startswith(('spacy', 'thinc')) for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_error_codes_are_unique_and_stable():
    classes = [getattr(errors, n) for n in errors.__all__]
    codes = [c.code for c in classes]
    assert len(codes) == len(set(codes))
    assert errors.EmptyInput.code == "WM101" and issubclass(errors.EmptyInput, errors.InputError)


def test_error_message_is_one_line_naming_the_input():
    err = errors.BinaryInput("contains NUL bytes", input="x/article.txt")
    assert str(err) == "x/article.txt: contains NUL bytes" and "\n" not in str(err)

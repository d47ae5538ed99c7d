"""The example notebook runs top to bottom (nbclient), so it cannot rot."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from conftest import NOTEBOOKS


def test_example_notebook_runs() -> None:
    path = NOTEBOOKS / "wanzheng_tour.ipynb"
    nb = nbformat.read(path, as_version=4)  # type: ignore[no-untyped-call]
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    markdown = [o["data"]["text/markdown"] for o in outputs if "text/markdown" in o.get("data", {})]
    assert any("```mermaid" in m and "class closed current" in m for m in markdown)
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("rejected" in h for h in html)
    assert any("float is refused" in o.get("text", "") for o in outputs if o.get("output_type") == "stream")

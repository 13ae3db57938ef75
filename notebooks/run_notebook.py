#!/usr/bin/env python3
"""Executes the code cells of a Jupyter notebook in order, in one namespace, as a plain script.

The notebooks in this folder use only the standard library, so CI can execute them without a Jupyter
installation: python3 notebooks/run_notebook.py NOTEBOOK.ipynb (run from the notebook's folder, or set
OMV_OUT to the report folder to read).
"""
import json
import sys


def main(path):
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    namespace = {"__name__": "__main__"}
    code_cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for i, cell in enumerate(code_cells, 1):
        source = "".join(cell["source"])
        exec(compile(source, f"{path}:cell{i}", "exec"), namespace)
    print(f"{path}: {len(code_cells)} code cells executed")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: run_notebook.py NOTEBOOK.ipynb")
    main(sys.argv[1])

"""Run a notebook headlessly with the tslab kernel and keep going after a failing cell.

Usage: python3 execute.py NOTEBOOK OUTPUT [--timeout SECONDS] [--kernel NAME]

Why not plain `jupyter nbconvert --execute`: after a failing cell tslab drops the requests that
reach it within 200 ms (it resets its queue), so the next cells' output and errors vanish; and a
type error comes back as an error with no name or message (tslab prints it to stderr). Here every
failing cell is marked in its metadata ("healthgap_failed": {"ename", "evalue"}), and the run
waits 0.4 s after it before sending the next cell, so every later cell runs and reports too.
Exit status: 0 when the notebook ran (with or without failing cells; read the metadata),
2 when it could not run at all (kernel missing or dead, timeout).
"""
import asyncio
import sys

import nbformat
from nbclient import NotebookClient


def main(argv):
    args = list(argv)
    timeout = 600
    kernel = "tslab"
    if "--timeout" in args:
        i = args.index("--timeout")
        timeout = int(args[i + 1])
        del args[i : i + 2]
    if "--kernel" in args:
        i = args.index("--kernel")
        kernel = args[i + 1]
        del args[i : i + 2]
    source, output = args
    nb = nbformat.read(source, as_version=4)

    async def on_error(cell, cell_index, execute_reply):
        content = execute_reply.get("content", {})
        cell.metadata["healthgap_failed"] = {"ename": content.get("ename", ""), "evalue": content.get("evalue", "")}
        await asyncio.sleep(0.4)

    import os

    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        allow_errors=True,
        on_cell_error=on_error,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(source))}},
    )
    try:
        client.execute()
    except Exception as e:  # noqa: BLE001 - report any failure to run as one line
        print(f"could not run {source}: {type(e).__name__}: {e}", file=sys.stderr)
        nbformat.write(nb, output)
        return 2
    nbformat.write(nb, output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

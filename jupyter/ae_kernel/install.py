"""`python -m ae_kernel.install`: installs the kernelspec named `ae` (for the user, or --sys-prefix)."""

import argparse
import json
import os
import shutil
import sys
import tempfile

from jupyter_client.kernelspec import KernelSpecManager


def main(argv=None):
    parser = argparse.ArgumentParser(description="Install the ae kernelspec.")
    parser.add_argument("--user", action="store_true", help="install for the current user (the default)")
    parser.add_argument("--sys-prefix", action="store_true",
                        help="install into this Python environment (e.g. a virtual environment)")
    parser.add_argument("--ae", metavar="PATH",
                        help="the ae executable the kernel runs (default: `ae` on PATH when the kernel starts)")
    args = parser.parse_args(argv)
    spec = {
        "argv": [sys.executable, "-m", "ae_kernel", "-f", "{connection_file}"],
        "display_name": "ae",
        "language": "ae",
    }
    if args.ae:
        spec["env"] = {"AE_EXECUTABLE": os.path.abspath(args.ae)}
    elif shutil.which("ae") is None:
        print("note: no `ae` on PATH; put it there or reinstall with --ae PATH", file=sys.stderr)
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "kernel.json"), "w") as file:
            json.dump(spec, file, indent=2)
        prefix = sys.prefix if args.sys_prefix else None
        path = KernelSpecManager().install_kernel_spec(folder, "ae", user=not args.sys_prefix, prefix=prefix)
    print(f"installed the ae kernel in {path}")


if __name__ == "__main__":
    main()

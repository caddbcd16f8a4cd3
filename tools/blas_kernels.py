"""Which OpenBLAS kernels this CPU can run: ``python -m tools.blas_kernels``.

The relative differences of lesson 02 end in a BLAS-dependent digit
(0.2850931567761623 under OpenBLAS's SkylakeX kernel, ...624 under its
Haswell kernel, which it picks on AMD CPUs). ``.ci/run`` repeats the numeric
and notebook tests under every kernel printed here that the default run did
not already use, so a suite green on one CPU is green on the others.
"""

import argparse
import sys
from pathlib import Path

# The kernels of the CPUs this course runs on, each with the CPU flags it
# needs; a kernel forced on a CPU without its instructions dies of SIGILL
KERNEL_FLAGS = {
    "Haswell": {"avx2", "fma"},
    "SkylakeX": {"avx512f", "avx512dq", "avx512bw", "avx512vl"},
}


def cpu_flags(cpuinfo=Path("/proc/cpuinfo")):
    """Return the set of CPU flags of the first processor (empty where unknown)."""
    try:
        text = cpuinfo.read_text(encoding="ascii", errors="replace")
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.partition(":")[2].split())
    return set()


def default_kernel():
    """Return the OpenBLAS kernel numpy runs here (e.g. ``"SkylakeX"``), or None."""
    import numpy  # noqa: F401  (loads the BLAS that threadpoolctl inspects)
    from threadpoolctl import threadpool_info

    for pool in threadpool_info():
        if pool.get("internal_api") == "openblas":
            return pool.get("architecture")
    return None


def supported_kernels(flags=None):
    """Return the kernels of KERNEL_FLAGS this CPU can run, in a fixed order (list of str)."""
    flags = cpu_flags() if flags is None else flags
    return [name for name, needed in KERNEL_FLAGS.items() if needed <= flags]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--others", action="store_true",
                        help="print only the supported kernels the default run does not use")
    args = parser.parse_args(argv)
    kernels = supported_kernels()
    if args.others:
        default = default_kernel()
        kernels = [name for name in kernels if name != default]
    print("\n".join(kernels))
    return 0


if __name__ == "__main__":
    sys.exit(main())

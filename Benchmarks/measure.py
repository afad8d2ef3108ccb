#!/usr/bin/env python3
"""Runs a command; prints its wall time in seconds and its peak memory in MiB (one line)."""
import resource, subprocess, sys, time

start = time.monotonic()
result = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
elapsed = time.monotonic() - start
if result.returncode != 0:
    sys.stderr.write(result.stderr.decode("utf-8", "replace")[-2000:])
    sys.exit(result.returncode)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{elapsed:.2f} {peak:.0f}")

#!/usr/bin/env python3
"""Reads the resident memory of an aimemory stdio server when idle after start-up, right after a burst of calls,
and when idle again after that burst.

Usage: idle-after-use.py COMMAND [ARGUMENT ...]   (for example benchmarks/startup/out/native/aimemory-stdio)

The burst is 200 store_memory calls followed by 50 search_memories calls. Run it with HOME and XDG_DATA_HOME
pointing at a scratch folder, as run.sh does, so the calls land in a throwaway store.
"""

import os
import subprocess
import sys
import time

from measure import INITIALIZE, INITIALIZED, LIST_TOOLS, TIMEOUT_SECONDS, Reader, send

STORES = 200
SEARCHES = 50
IDLE_SECONDS = 2.0


def resident_megabytes(pid):
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    process = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        reader = Reader(process.stdout)
        deadline = time.monotonic() + TIMEOUT_SECONDS
        send(process, INITIALIZE)
        reader.wait_for(1, deadline)
        send(process, INITIALIZED)
        send(process, LIST_TOOLS)
        reader.wait_for(2, deadline)
        time.sleep(IDLE_SECONDS)
        after_start = resident_megabytes(process.pid)

        calls = [("store_memory", {"title": f"note {n}", "content": f"kubernetes cluster note {n} about databases"})
                 for n in range(STORES)]
        calls += [("search_memories", {"query": "kubernetes"})] * SEARCHES
        deadline = time.monotonic() + 120
        for request_id, (tool, arguments) in enumerate(calls, start=3):
            send(process, {"jsonrpc": "2.0", "id": request_id, "method": "tools/call",
                           "params": {"name": tool, "arguments": arguments}})
            result = reader.wait_for(request_id, deadline)["result"]
            if result.get("isError"):
                raise RuntimeError(f"{tool} failed: {result}")
        after_burst = resident_megabytes(process.pid)
        time.sleep(IDLE_SECONDS)
        idle_after_burst = resident_megabytes(process.pid)
    finally:
        process.stdin.close()
        process.wait(timeout=10)

    print(f"idle after start-up: {after_start:.1f} MB; right after {STORES} stores and {SEARCHES} searches: "
          f"{after_burst:.1f} MB; idle {IDLE_SECONDS:.0f} s later: {idle_after_burst:.1f} MB")


if __name__ == "__main__":
    main()

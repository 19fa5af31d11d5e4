#!/usr/bin/env python3
"""Times stdio MCP servers from process start to their first tools/list result and reads their idle memory.

Usage: measure.py RUNS NAME=COMMAND [NAME=COMMAND ...]   (the last server is the reference for the ratio column)

Each run starts the server, sends initialize, waits for its result, sends notifications/initialized and tools/list,
and stops the clock when the tools/list result has been read in full. The server then stays idle for one second
before its VmRSS and CPU time (user + system) are read from /proc. The runs go round-robin over the servers, so a
change in machine load affects all of them alike. One warm-up round is discarded: it fills the page cache and creates
the stores. Output is a Markdown table of medians on stdout.
"""

import json
import os
import selectors
import shlex
import statistics
import subprocess
import sys
import time

INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
              "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                         "clientInfo": {"name": "startup-benchmark", "version": "1.0"}}}
INITIALIZED = {"jsonrpc": "2.0", "method": "notifications/initialized"}
LIST_TOOLS = {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}
TIMEOUT_SECONDS = 30
IDLE_SECONDS = 1.0


class Reader:
    """Reads newline-delimited JSON-RPC messages from a pipe in large blocks, as a real client does."""

    def __init__(self, pipe):
        self._fd = pipe.fileno()
        self._buffer = b""
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._fd, selectors.EVENT_READ)

    def wait_for(self, request_id, deadline):
        """Returns the parsed response to request_id, skipping notifications."""
        while True:
            while b"\n" in self._buffer:
                line, self._buffer = self._buffer.split(b"\n", 1)
                if not line.strip():
                    continue
                message = json.loads(line)
                if message.get("id") == request_id:
                    if "error" in message:
                        raise RuntimeError(f"request {request_id} failed: {message['error']}")
                    return message
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._selector.select(remaining):
                raise TimeoutError(f"no response to request {request_id} within {TIMEOUT_SECONDS} seconds")
            block = os.read(self._fd, 1 << 16)
            if not block:
                raise EOFError(f"the server closed its output before responding to request {request_id}")
            self._buffer += block


def send(process, message):
    process.stdin.write((json.dumps(message) + "\n").encode())
    process.stdin.flush()


def measure_once(command, stderr):
    """Returns (milliseconds to the tools/list result, idle RSS in KB, CPU milliseconds, tool count)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr)
    try:
        deadline = time.monotonic() + TIMEOUT_SECONDS
        reader = Reader(process.stdout)
        send(process, INITIALIZE)
        reader.wait_for(1, deadline)
        send(process, INITIALIZED)
        send(process, LIST_TOOLS)
        tools = reader.wait_for(2, deadline)["result"]["tools"]
        elapsed = (time.perf_counter() - start) * 1000

        time.sleep(IDLE_SECONDS)
        with open(f"/proc/{process.pid}/status") as status:
            rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
        with open(f"/proc/{process.pid}/stat") as stat:
            # Fields 14 and 15 are user and system time in clock ticks; the command name before them may contain spaces.
            fields = stat.read().rsplit(")", 1)[1].split()
            cpu = (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
        return elapsed, rss, cpu, len(tools)
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    runs = int(sys.argv[1])
    servers = [argument.split("=", 1) for argument in sys.argv[2:]]
    results = {name: [] for name, _ in servers}
    tool_counts = {}
    with open(os.environ.get("STARTUP_STDERR", os.devnull), "ab") as stderr:
        for round_number in range(runs + 1):
            for name, command in servers:
                elapsed, rss, cpu, tool_count = measure_once(shlex.split(command), stderr)
                tool_counts[name] = tool_count
                if round_number > 0:
                    results[name].append((elapsed, rss, cpu))

    reference = statistics.median(run[0] for run in results[servers[-1][0]])
    print("| server | tools listed | start to first tools/list, median ms | time vs reference | CPU time to idle, "
          "median ms | idle RSS, median MB | idle RSS, max MB | all runs, ms |")
    print("|---|---|---|---|---|---|---|---|")
    for name, _ in servers:
        elapsed = statistics.median(run[0] for run in results[name])
        cpu = statistics.median(run[2] for run in results[name])
        rss = statistics.median(run[1] for run in results[name]) / 1024
        rss_max = max(run[1] for run in results[name]) / 1024
        every_run = " ".join(f"{run[0]:.0f}" for run in sorted(results[name]))
        print(f"| {name} | {tool_counts[name]} | {elapsed:.0f} | {elapsed / reference:.2f} | {cpu:.0f} | {rss:.1f} "
              f"| {rss_max:.1f} | {every_run} |")


if __name__ == "__main__":
    main()

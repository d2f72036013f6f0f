#!/usr/bin/env python3
"""Times gijiroku on a large library the way a person sees it.

Starts the release binary on DIR in a pseudo-terminal, feeds what it writes to a pyte screen and
reports, in milliseconds from just before the process starts:

  first_frame   the first screen with the list header ("Meetings" or a count) on it
  listed        the header shows every meeting and no longer says "scanning"
  counted       the header no longer says "counting" (turn counts known for every meeting)

then, for each QUERY, types `/` and the query one character at a time and reports the time from the
query's last keystroke to the first hit count ("[N]") in the list, and to the end of the search
("searching" gone). Peak RSS (VmHWM) is read from /proc just before quitting. Config and state go to
a temporary directory, so the user's own are neither read nor written.

    pip install pyte
    python3 benches/library-timing.py target/release/gijiroku /tmp/corpus --query 市長 --query 存在しない語 --runs 3
"""

import argparse
import fcntl
import os
import pty
import re
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

import pyte

COLS, ROWS = 80, 24


class Session:
    def __init__(self, binary, directory, home):
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home, TERM="xterm-256color")
        env.pop("NO_COLOR", None)
        self.start = time.monotonic()
        self.process = subprocess.Popen(
            [binary, directory], stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.master = master
        self.peak_kib = 0

    def elapsed_ms(self):
        return (time.monotonic() - self.start) * 1000

    def header(self):
        return self.screen.display[0]

    def pump(self, timeout):
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                data = os.read(self.master, 1 << 16)
            except OSError:
                data = b""
            # The reader asks where the cursor is (ambiguous-width probe): answer like a terminal.
            if b"\x1b[6n" in data:
                os.write(self.master, f"\x1b[{self.screen.cursor.y + 1};{self.screen.cursor.x + 1}R".encode())
            self.stream.feed(data)
        self.sample_rss()

    def sample_rss(self):
        try:
            with open(f"/proc/{self.process.pid}/status") as status:
                for line in status:
                    if line.startswith("VmHWM:"):
                        self.peak_kib = max(self.peak_kib, int(line.split()[1]))
        except OSError:
            pass

    def wait_for(self, predicate, limit_s=60.0):
        deadline = time.monotonic() + limit_s
        while time.monotonic() < deadline:
            if predicate():
                return self.elapsed_ms()
            self.pump(0.002)
        raise TimeoutError(f"screen never matched; header: {self.header()!r}")

    def key(self, text):
        os.write(self.master, text.encode())

    def quit(self):
        self.key("\x1b")
        self.key("q")
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self.master)


def hit_shown(session):
    return any(re.search(r"\[\d+\]", row) for row in session.screen.display[1:])


def one_run(binary, directory, queries):
    with tempfile.TemporaryDirectory() as home:
        session = Session(binary, directory, home)
        first = session.wait_for(lambda: re.search(r"Meetings|\d+ [↓↑]", session.header()))
        # The word "Meetings" gives way to the activity in a narrow pane: look for the count.
        listed = session.wait_for(lambda: "scanning" not in session.header() and re.search(r"\d+ [↓↑]", session.header()))
        counted = session.wait_for(lambda: "counting" not in session.header() and "scanning" not in session.header())
        searches = []
        # Without saved state the reader opens the first meeting found; `h` focuses the list.
        session.key("h")
        session.pump(0.2)
        for query in queries:
            session.key("/")
            session.wait_for(lambda: "/" in session.screen.display[-1])
            for character in query[:-1]:
                session.key(character)
                session.pump(0.05)
            typed = session.elapsed_ms()
            session.key(query[-1])
            started = session.wait_for(lambda: "searching" in session.header() or hit_shown(session))
            shown = session.wait_for(lambda: hit_shown(session) or "searching" not in session.header())
            done = session.wait_for(lambda: "searching" not in session.header())
            first_hit = shown - typed if hit_shown(session) else None
            searches.append((query, first_hit, done - typed, started - typed))
            session.key("\x1b")
            session.pump(0.2)
        session.sample_rss()
        peak = session.peak_kib
        session.quit()
        return first, listed, counted, searches, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("directory")
    parser.add_argument("--query", action="append", default=[])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = [one_run(args.binary, args.directory, args.query) for _ in range(args.runs)]
    median = lambda values: statistics.median(values)
    print(f"runs: {args.runs} (medians; min-max in brackets)")
    for index, name in enumerate(["first frame", "full list", "turn counts"]):
        values = [r[index] for r in results]
        print(f"{name:>12}: {median(values):8.1f} ms  [{min(values):.1f}-{max(values):.1f}]")
    for position, query in enumerate(args.query):
        shown = [r[3][position][1] for r in results if r[3][position][1] is not None]
        done = [r[3][position][2] for r in results]
        started = [r[3][position][3] for r in results]
        first = f"first hit on screen {median(shown):.1f} ms [{min(shown):.1f}-{max(shown):.1f}]" if shown else "no hits"
        print(f"search {query}: progress shown {median(started):.1f} ms, {first}, search over {median(done):.0f} ms")
    peaks = [r[4] / 1024 for r in results]
    print(f"   peak RSS: {median(peaks):8.1f} MiB  [{min(peaks):.1f}-{max(peaks):.1f}]")


if __name__ == "__main__":
    sys.exit(main())

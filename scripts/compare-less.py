#!/usr/bin/env python3
"""Time marginalia against less on a generated 10 MB file of many essays, in a real pty.

Measures, in a 200x50 pseudo-terminal:
  - time from spawn to the first screen drawn, for `less FILE` and `marginalia FILE`
    (runs alternate; the median of each and the ratio are reported);
  - marginalia's CPU use while idle for 10 s (utime+stime from /proc/PID/stat) and its
    context switches (all threads) over the same 10 s;
  - marginalia's peak RSS (VmHWM) after opening the file and jumping to the end (`G`).

"First screen drawn": the expected text is on screen (less: the title of the first essay;
marginalia: its status line) and the output then stays quiet for --quiet-ms; the time
reported is that of the last byte before the quiet spell.

Usage: scripts/compare-less.py [--runs 10] [--bin PATH] [--no-build] [--mb 10]
The file comes from the same generator as benches/reader.rs (`book`), byte for byte.
Each run starts in a fresh temporary directory (annotations and reading positions land
there) with XDG_CONFIG_HOME pointing into it, so nothing outside is touched.
"""

import argparse
import fcntl
import os
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

COLS, ROWS = 200, 50
MASK = (1 << 64) - 1

WORDS = (
    "reading slowly the margin holds a note of what matters "
    "and essays compare two voices on one subject with patience "
    "every sentence asks for its own time river garden tide "
    "memory argument is not yet finished when reader returns page "
    "light winter harbour letter question answer between lines quiet "
    "careful attention history city morning evening distance voice "
    "silence world small large old new first last because although "
    "perhaps always never often rarely thought word meaning doubt "
    "certain style clause paragraph chapter author friend stranger "
    "north south sea stone bread salt window door road bridge "
    "clock season promise habit method mood"
).split()


class Rng:
    """xorshift64, as in benches/reader.rs."""

    def __init__(self):
        self.x = 0x9E3779B97F4A7C15

    def below(self, n):
        x = self.x
        x ^= (x << 13) & MASK
        x ^= x >> 7
        x ^= (x << 17) & MASK
        self.x = x
        return x % n

    def word(self):
        return WORDS[self.below(len(WORDS))]


def book(size):
    """The same text as `book(size)` in benches/reader.rs."""
    rng = Rng()
    out = []
    length = 0
    essay = 0
    while length < size:
        essay += 1
        a, b = rng.word().capitalize(), rng.word().capitalize()
        parts = [f"Essay {essay} on {a} and {b}\n\nA. N. Author\n\n"]
        for _ in range(30 + rng.below(21)):
            words = []
            for _ in range(3 + rng.below(6)):
                n = 6 + rng.below(17)
                for w in range(n):
                    word = rng.word()
                    if w == 0:
                        word = word.capitalize()
                    if w + 1 == n:
                        word += "."
                    elif rng.below(12) == 0:
                        word += ","
                    words.append(word)
            line = 0
            para = []
            for i, word in enumerate(words):
                if i > 0:
                    if line + 1 + len(word) > 72:
                        para.append("\n")
                        line = 0
                    else:
                        para.append(" ")
                        line += 1
                para.append(word)
                line += len(word)
            para.append("\n\n")
            parts.append("".join(para))
        parts.append("\n\n")
        chunk = "".join(parts)
        out.append(chunk)
        length += len(chunk)
    return "".join(out)


def spawn(cmd, cwd):
    """Starts `cmd` on a new 200x50 pty as its controlling terminal. Returns (proc, fd, t0)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", LINES=str(ROWS), COLUMNS=str(COLS),
               XDG_CONFIG_HOME=os.path.join(cwd, ".config"), LESSHISTFILE="-")
    env.pop("NO_COLOR", None)
    env.pop("LESS", None)

    def controlling_tty():
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=slave, stdout=slave, stderr=slave,
                            start_new_session=True, preexec_fn=controlling_tty, close_fds=True)
    os.close(slave)
    return proc, master, t0


def read_until(fd, done, quiet_ms, timeout=20.0):
    """Reads until `done(output)` holds and nothing more arrives for `quiet_ms`.

    Returns (time of the last byte, output)."""
    out = bytearray()
    last = None
    deadline = time.perf_counter() + timeout
    while True:
        seen = done(out)
        wait = quiet_ms / 1000 if seen else max(0.0, deadline - time.perf_counter())
        r, _, _ = select.select([fd], [], [], wait)
        if not r:
            if seen:
                return last, bytes(out)
            raise TimeoutError(f"no first screen; got {bytes(out[-300:])!r}")
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            chunk = b""
        if not chunk:
            raise RuntimeError(f"pty closed; got {bytes(out[-300:])!r}")
        last = time.perf_counter()
        out += chunk


def drain(fd, quiet_ms):
    """Reads whatever arrives until `quiet_ms` of silence."""
    while True:
        r, _, _ = select.select([fd], [], [], quiet_ms / 1000)
        if not r:
            return
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def finish(proc, fd):
    """Sends `q` and waits for the process to end."""
    try:
        os.write(fd, b"q")
        deadline = time.perf_counter() + 5
        while proc.poll() is None and time.perf_counter() < deadline:
            r, _, _ = select.select([fd], [], [], 0.05)
            if r:
                try:
                    os.read(fd, 65536)
                except OSError:
                    pass
        if proc.poll() is None:
            proc.kill()
    finally:
        proc.wait()
        os.close(fd)


def first_screen(cmd, expect, root, quiet_ms):
    """Seconds from spawn to the first screen drawn."""
    cwd = tempfile.mkdtemp(dir=root)
    proc, fd, t0 = spawn(cmd, cwd)
    try:
        last, _ = read_until(fd, lambda out: expect in out, quiet_ms)
    finally:
        finish(proc, fd)
    return last - t0


def proc_cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)


def proc_switches(pid):
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{tid}/status") as f:
            for line in f:
                if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                    total += int(line.split()[1])
    return total


def proc_status_kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def idle_and_memory(cmd, expect, root, quiet_ms, idle_s):
    """Idle CPU (% of a core) and context switches over idle_s; VmHWM after `G` (KiB)."""
    cwd = tempfile.mkdtemp(dir=root)
    proc, fd, _ = spawn(cmd, cwd)
    try:
        read_until(fd, lambda out: expect in out, quiet_ms)
        drain(fd, 500)
        hz = os.sysconf("SC_CLK_TCK")
        c0, s0, t0 = proc_cpu_ticks(proc.pid), proc_switches(proc.pid), time.perf_counter()
        # Nothing is written to the pty meanwhile; anything marginalia prints is drained.
        end = t0 + idle_s
        while time.perf_counter() < end:
            r, _, _ = select.select([fd], [], [], max(0.0, end - time.perf_counter()))
            if r:
                os.read(fd, 65536)
        c1, s1, t1 = proc_cpu_ticks(proc.pid), proc_switches(proc.pid), time.perf_counter()
        cpu = (c1 - c0) / hz / (t1 - t0) * 100
        os.write(fd, b"G")
        drain(fd, 300)
        hwm = proc_status_kb(proc.pid, "VmHWM")
        rss = proc_status_kb(proc.pid, "VmRSS")
    finally:
        finish(proc, fd)
    return cpu, s1 - s0, hwm, rss


def less_memory(path, expect, root, quiet_ms):
    cwd = tempfile.mkdtemp(dir=root)
    proc, fd, _ = spawn(["less", path], cwd)
    try:
        read_until(fd, lambda out: expect in out, quiet_ms)
        os.write(fd, b"G")
        drain(fd, 500)
        hwm = proc_status_kb(proc.pid, "VmHWM")
    finally:
        finish(proc, fd)
    return hwm


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--mb", type=float, default=10.0, help="size of the generated file, MiB")
    ap.add_argument("--bin", help="marginalia binary (default: build it with cargo)")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--quiet-ms", type=int, default=30)
    ap.add_argument("--idle-s", type=float, default=10.0)
    args = ap.parse_args()

    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(repo, "target"))
    binary = args.bin or os.path.join(target, "release", "marginalia")
    if not args.bin and not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=repo, check=True)
    if shutil.which("less") is None:
        sys.exit("less is not installed (apt-get install -y less)")

    root = tempfile.mkdtemp(prefix="marginalia-perf-")
    try:
        text = book(int(args.mb * 1024 * 1024))
        path = os.path.join(root, "book.txt")
        with open(path, "w") as f:
            f.write(text)
        size = os.path.getsize(path)
        title = text.split("\n", 1)[0].encode()
        status = b"READ"
        less_cmd = ["less", path]
        marg_cmd = [binary, path]
        print(f"file: {size / 1e6:.1f} MB ({size} bytes), {text.count('A. N. Author')} essays; "
              f"pty {COLS}x{ROWS}; {args.runs} runs each, alternating", flush=True)

        # One untimed run of each: the file in the page cache, the binaries loaded.
        first_screen(less_cmd, title, root, args.quiet_ms)
        first_screen(marg_cmd, status, root, args.quiet_ms)
        less_t, marg_t = [], []
        for _ in range(args.runs):
            less_t.append(first_screen(less_cmd, title, root, args.quiet_ms))
            marg_t.append(first_screen(marg_cmd, status, root, args.quiet_ms))
        ml, mm = statistics.median(less_t), statistics.median(marg_t)

        cpu, switches, hwm, rss = idle_and_memory(marg_cmd, status, root, args.quiet_ms,
                                                  args.idle_s)
        less_hwm = less_memory(path, title, root, args.quiet_ms)
        mem_budget = 3 * size / 1024 + 20 * 1024

        def ms(xs):
            return "  ".join(f"{x * 1000:.1f}" for x in xs)

        print(f"less       first screen, ms: {ms(less_t)}")
        print(f"marginalia first screen, ms: {ms(marg_t)}")
        rows = [
            ("first screen, less (median)", f"{ml * 1000:.1f} ms", "", ""),
            ("first screen, marginalia (median)", f"{mm * 1000:.1f} ms", "<= 50 ms",
             "pass" if mm <= 0.050 else "FAIL"),
            ("ratio marginalia / less", f"{mm / ml:.2f}x", "<= 3x",
             "pass" if mm <= 3 * ml else "FAIL"),
            (f"idle CPU over {args.idle_s:g} s", f"{cpu:.2f}% of a core", "< 1%",
             "pass" if cpu < 1 else "FAIL"),
            (f"context switches while idle ({args.idle_s:g} s)", f"{switches}", "~0 (no wake-ups)",
             "pass" if switches <= 2 else "FAIL"),
            ("peak RSS (VmHWM) after open + G", f"{hwm / 1024:.1f} MiB",
             f"< {mem_budget / 1024:.0f} MiB", "pass" if hwm < mem_budget else "FAIL"),
            ("RSS after open + G", f"{rss / 1024:.1f} MiB", "", ""),
            ("less peak RSS after G (for scale)", f"{less_hwm / 1024:.1f} MiB", "", ""),
        ]
        w = [max(len(r[i]) for r in rows) for i in range(4)]
        head = ("measure", "value", "budget", "")
        print()
        print(" | ".join(h.ljust(w[i]) for i, h in enumerate(head)))
        print("-+-".join("-" * x for x in w))
        for r in rows:
            print(" | ".join(c.ljust(w[i]) for i, c in enumerate(r)))
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

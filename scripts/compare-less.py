#!/usr/bin/env python3
"""Time marginalia against less on generated files of many essays, in a real pty.

Measures, in a 200x50 pseudo-terminal:
  - time from spawn to the first screen drawn, for `less FILE` and `marginalia FILE`
    (runs alternate; the median of each and the ratio are reported);
  - marginalia's CPU use while idle for 10 s (utime+stime from /proc/PID/stat) and its
    context switches (all threads) over the same 10 s (single case only);
  - marginalia's peak RSS (VmHWM) after opening the file and jumping to the end (`G`),
    once the end is on screen (so after the whole file is read).

"First screen drawn": the expected text is on screen (less: the title of the first essay;
marginalia: its status line) and the output then stays quiet for --quiet-ms; the time
reported is that of the last byte before the quiet spell.

Usage:
  scripts/compare-less.py [--runs 10] [--bin PATH] [--no-build] [--mb 10] [--annotations N]
  scripts/compare-less.py --matrix [--runs 5]    # 1, 10, 100 MB x 0, 1,000, 100,000 annotations

The text comes from the same generator as benches/reader.rs (`book`), byte for byte up to
8 MiB; a longer file repeats those essays with new numbers in their titles. With
--annotations N, an annotations file of N highlights spread evenly over every essay (about
a third with notes) is generated beside it, in the schema of the README's "The annotation
file", with the essays' true fingerprints and offsets. Each run starts in a fresh temporary
directory (the annotations file copied there, reading positions landing there) with
XDG_CONFIG_HOME pointing into it, so nothing outside is touched.
"""

import argparse
import fcntl
import hashlib
import json
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


BASE_BYTES = 8 * 1024 * 1024


def essays_of(size):
    """The essays of a `size`-byte book as (title, [paragraph lines]) pairs.

    Up to BASE_BYTES they are `book`'s; beyond, `book`'s repeated, numbered on."""
    base = book(min(size, BASE_BYTES))
    chunks = base.split("\n\n\n\n")
    parsed = []
    for chunk in chunks:
        if not chunk.strip():
            continue
        blocks = chunk.strip("\n").split("\n\n")
        parsed.append((blocks[0].split(" ", 2)[2], blocks[2:]))
    out, length, n = [], 0, 0
    while length < size:
        for tail, paras in parsed:
            n += 1
            title = f"Essay {n} {tail}"
            out.append((title, paras))
            length += len(title) + 16 + sum(len(p) + 2 for p in paras) + 2
            if length >= size:
                break
    return out


def book_text(essays):
    """The file of `essays_of`: the same bytes as `book` for what `book` made."""
    parts = []
    for title, paras in essays:
        parts.append(f"{title}\n\nA. N. Author\n\n")
        parts.extend(p + "\n\n" for p in paras)
        parts.append("\n\n")
    return "".join(parts)


def slug(title):
    out, dash = [], False
    for c in title:
        if c.isascii() and c.isalnum():
            if dash and out:
                out.append("-")
            dash = False
            out.append(c.lower())
        else:
            dash = True
    return "".join(out) or "essay"


def annotations_file(essays, count, source):
    """An annotations file (as a dict) of `count` highlights spread evenly over `essays`."""
    texts = []
    for title, paras in essays:
        blocks = [title, "A. N. Author"] + [" ".join(p.split("\n")) for p in paras]
        texts.append("\n\n".join(blocks))
    fps = ["sha256:" + hashlib.sha256(t.encode()).hexdigest() for t in texts]
    ids = [slug(title) for title, _ in essays]
    total = sum(len(t) for t in texts)
    stamp = "2026-11-30T12:00:00Z"
    notes = []
    k = 0
    for i, text in enumerate(texts):
        # This essay's share of the highlights, by its length.
        share = (count * (sum(len(t) for t in texts[: i + 1])) // total) - k
        step = max(1, len(text) // (share + 1))
        for j in range(share):
            start = min((j + 1) * step, max(0, len(text) - 31))
            end = min(start + 30, len(text))
            notes.append({
                "id": f"a-{k:016x}",
                "essay": ids[i],
                "anchor": {
                    "quote": text[start:end],
                    "prefix": text[max(0, start - 32):start],
                    "suffix": text[end:end + 32],
                    "start": start,
                    "end": end,
                    "fingerprint": fps[i],
                },
                "colour": ["yellow", "green", "blue", "pink", "purple", "orange"][k % 6],
                **({"note": f"note {k} #bench", "tags": ["bench"]} if k % 3 == 0 else {}),
                "created": stamp,
                "modified": stamp,
            })
            k += 1
    return {
        "version": 1,
        "source": source,
        "essays": [{"id": ids[i], "title": essays[i][0], "fingerprint": fps[i]}
                   for i in range(len(essays))],
        "annotations": notes,
    }


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


# The time the expected text was first seen by the last `read_until` (the first frame
# written, before whatever comes after it within the quiet spell).
FIRST_SEEN = [None]


def read_until(fd, done, quiet_ms, timeout=20.0):
    """Reads until `done(output)` holds and nothing more arrives for `quiet_ms`.

    Returns (time of the last byte, output); FIRST_SEEN[0] is when `done` first held."""
    out = bytearray()
    last = None
    FIRST_SEEN[0] = None
    deadline = time.perf_counter() + timeout
    while True:
        seen = done(out)
        if seen and FIRST_SEEN[0] is None:
            FIRST_SEEN[0] = last
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


def run_dir(root, notes):
    """A fresh directory for one run, with the annotations file `notes` (if any) in place."""
    cwd = tempfile.mkdtemp(dir=root)
    if notes:
        os.makedirs(os.path.join(cwd, "annotations"))
        shutil.copy(notes, os.path.join(cwd, "annotations", "book.json"))
    return cwd


def first_screen(cmd, expect, root, quiet_ms, notes=None):
    """Seconds from spawn to the first screen drawn."""
    cwd = run_dir(root, notes)
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


def wait_for(fd, text, timeout=120.0):
    """Reads until `text` has been output (or the timeout), then until 200 ms of quiet."""
    out = bytearray()
    deadline = time.perf_counter() + timeout
    while text not in out and time.perf_counter() < deadline:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
    drain(fd, 200)


def idle_and_memory_in(cmd, expect, cwd, quiet_ms, idle_s):
    """Idle CPU (% of a core) and context switches over idle_s; VmHWM after `G` (KiB)."""
    proc, fd, _ = spawn(cmd, cwd)
    try:
        read_until(fd, lambda out: expect in out, quiet_ms, timeout=120.0)
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
        cpu = (c1 - c0) / hz / (t1 - t0) * 100 if idle_s > 0 else 0.0
        os.write(fd, b"G")
        wait_for(fd, b" 100% ")
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
        wait_for(fd, b"(END)")
        hwm = proc_status_kb(proc.pid, "VmHWM")
    finally:
        finish(proc, fd)
    return hwm


def make_case(root, mb, count):
    """Writes the book of `mb` MiB and, with `count` > 0, its annotations file.

    Returns (path, notes path or None, first title, bytes, essays)."""
    essays = essays_of(int(mb * 1024 * 1024))
    path = os.path.join(root, f"book-{mb:g}.txt")
    with open(path, "w") as f:
        f.write(book_text(essays))
    notes = None
    if count:
        notes = os.path.join(root, f"book-{mb:g}-{count}.json")
        with open(notes, "w") as f:
            json.dump(annotations_file(essays, count, "book.txt"), f, indent=2)
    return path, notes, essays[0][0].encode(), os.path.getsize(path), len(essays)


def timed(binary, path, notes, title, root, args):
    """Medians of the first screen (less, marginalia) and the lists of times, in seconds."""
    # The file is opened as book.txt in each run's directory (a link), so that the
    # annotations file there, annotations/book.json, is its own.
    less_cmd = ["less", path]
    marg_cmd = [binary, "book.txt"]

    def marg_screen():
        cwd_root = tempfile.mkdtemp(dir=root)
        os.symlink(path, os.path.join(cwd_root, "book.txt"))
        return first_screen_in(marg_cmd, b"READ", cwd_root, args.quiet_ms, notes)

    # One untimed run of each: the file in the page cache, the binaries loaded.
    first_screen(less_cmd, title, root, args.quiet_ms)
    marg_screen()
    less_t, marg_t = [], []
    FIRST_FRAMES.clear()
    for _ in range(args.runs):
        less_t.append(first_screen(less_cmd, title, root, args.quiet_ms))
        marg_t.append(marg_screen())
    return statistics.median(less_t), statistics.median(marg_t), less_t, marg_t


def first_screen_in(cmd, expect, cwd, quiet_ms, notes):
    """`first_screen`, in the directory `cwd` (which holds the file as book.txt)."""
    if notes:
        os.makedirs(os.path.join(cwd, "annotations"))
        shutil.copy(notes, os.path.join(cwd, "annotations", "book.json"))
    proc, fd, t0 = spawn(cmd, cwd)
    try:
        last, _ = read_until(fd, lambda out: expect in out, quiet_ms, timeout=120.0)
    finally:
        finish(proc, fd)
    FIRST_FRAMES.append(FIRST_SEEN[0] - t0)
    return last - t0


# marginalia's first frames (status line drawn) of the runs timed, in seconds.
FIRST_FRAMES = []


def memory(binary, path, notes, title, root, args):
    """marginalia's VmHWM and VmRSS after open + G (KiB), and less's VmHWM."""
    cwd = tempfile.mkdtemp(dir=root)
    os.symlink(path, os.path.join(cwd, "book.txt"))
    if notes:
        os.makedirs(os.path.join(cwd, "annotations"))
        shutil.copy(notes, os.path.join(cwd, "annotations", "book.json"))
    proc, fd, _ = spawn([binary, "book.txt"], cwd)
    try:
        read_until(fd, lambda out: b"READ" in out, args.quiet_ms, timeout=120.0)
        os.write(fd, b"G")
        wait_for(fd, b" 100% ")
        hwm = proc_status_kb(proc.pid, "VmHWM")
        rss = proc_status_kb(proc.pid, "VmRSS")
    finally:
        finish(proc, fd)
    return hwm, rss, less_memory(path, title, root, args.quiet_ms)


def matrix(binary, args):
    """First screen and memory for 1, 10, 100 MiB x 0, 1,000, 100,000 annotations."""
    sizes = [float(x) for x in args.sizes.split(",")]
    counts = [int(x) for x in args.counts.split(",")]
    print(f"pty {COLS}x{ROWS}; {args.runs} runs each, alternating; medians; "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}", flush=True)
    print()
    print("| file | annotations | first screen: marginalia | less | ÷ less "
          "| peak RSS after G: marginalia | less | text + 40 MB |")
    print("|---|---|---|---|---|---|---|---|")
    root = tempfile.mkdtemp(prefix="marginalia-perf-")
    try:
        for mb in sizes:
            for count in counts:
                path, notes, title, size, essays = make_case(root, mb, count)
                ml, mm, _, _ = timed(binary, path, notes, title, root, args)
                hwm, _, less_hwm = memory(binary, path, notes, title, root, args)
                budget = size / 1024 + 40 * 1024
                frame = statistics.median(FIRST_FRAMES)
                print(f"| {size / 1e6:.1f} MB, {essays} essays | {count:,} | {mm * 1000:.1f} ms "
                      f"(first frame {frame * 1000:.1f} ms, {frame / ml:.1f}×) "
                      f"| {ml * 1000:.1f} ms | {mm / ml:.1f}× | {hwm / 1024:.1f} MiB "
                      f"| {less_hwm / 1024:.1f} MiB "
                      f"| {'within' if hwm <= budget else 'over'} ({budget / 1024:.0f} MiB) |",
                      flush=True)
                for f in (path, notes):
                    if f:
                        os.remove(f)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--mb", type=float, default=10.0, help="size of the generated file, MiB")
    ap.add_argument("--bin", help="marginalia binary (default: build it with cargo)")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--quiet-ms", type=int, default=30)
    ap.add_argument("--idle-s", type=float, default=10.0)
    ap.add_argument("--annotations", type=int, default=0,
                    help="highlights in a generated annotations file (single case)")
    ap.add_argument("--matrix", action="store_true",
                    help="every size of --sizes with every count of --counts")
    ap.add_argument("--sizes", default="1,10,100", help="MiB, for --matrix")
    ap.add_argument("--counts", default="0,1000,100000", help="annotations, for --matrix")
    args = ap.parse_args()

    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(repo, "target"))
    binary = args.bin or os.path.join(target, "release", "marginalia")
    if not args.bin and not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=repo, check=True)
    if shutil.which("less") is None:
        sys.exit("less is not installed (apt-get install -y less)")
    if args.matrix:
        matrix(binary, args)
        return

    root = tempfile.mkdtemp(prefix="marginalia-perf-")
    try:
        path, notes, title, size, essays = make_case(root, args.mb, args.annotations)
        status = b"READ"
        marg_cmd = [binary, "book.txt"]
        print(f"file: {size / 1e6:.1f} MB ({size} bytes), {essays} essays, "
              f"{args.annotations} annotations; "
              f"pty {COLS}x{ROWS}; {args.runs} runs each, alternating", flush=True)
        ml, mm, less_t, marg_t = timed(binary, path, notes, title, root, args)

        cwd = run_dir(root, notes)
        os.symlink(path, os.path.join(cwd, "book.txt"))
        cpu, switches, hwm, rss = idle_and_memory_in(marg_cmd, status, cwd, args.quiet_ms,
                                                     args.idle_s)
        less_hwm = less_memory(path, title, root, args.quiet_ms)
        mem_budget = 3 * size / 1024 + 20 * 1024

        def ms(xs):
            return "  ".join(f"{x * 1000:.1f}" for x in xs)

        print(f"less       first screen, ms: {ms(less_t)}")
        print(f"marginalia first screen, ms: {ms(marg_t)}")
        print(f"marginalia first frame,  ms: {ms(FIRST_FRAMES)} (the status line drawn)")
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

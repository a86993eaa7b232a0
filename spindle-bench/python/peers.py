#!/usr/bin/env python3
"""CPython peers of Spindle's JMH benchmarks: the same work, with the same sizes and thread counts.

Plain CPython 3 standard library only. Each workload prints one line:

    RESULT <workload> <mean> <error> <unit>

where <mean> is the mean time per operation over the measured rounds, <error> half the spread
between the fastest and slowest round, and <unit> the time unit (ns/op, us/op, ms/op), chosen to
match the JMH benchmark of the same workload. Usage:

    python3 peers.py                 # every workload
    python3 peers.py NAME [NAME...]  # some of them
    python3 peers.py --list
    python3 peers.py --quick ...     # fewer rounds
    python3 peers.py --threads=N ... # N threads in contended_counter (default 2)
"""
import heapq
import queue
import random
import sched
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

ROUNDS = 5
THREADS = 2  # threads in contended_counter; --threads=N
UNITS = {"ns/op": 1, "us/op": 1_000, "ms/op": 1_000_000}


def measure(name, unit, ops, run_once, rounds=None):
    """Runs run_once() (which performs `ops` operations) once to warm up, then `rounds` times."""
    rounds = rounds or ROUNDS
    run_once()
    per_op = []
    for _ in range(rounds):
        t0 = time.perf_counter_ns()
        run_once()
        per_op.append((time.perf_counter_ns() - t0) / ops / UNITS[unit])
    mean = statistics.fmean(per_op)
    error = (max(per_op) - min(per_op)) / 2
    print(f"RESULT {name} {mean:.6g} {error:.3g} {unit}", flush=True)


def uncontended_lock(kind):
    lock = threading.Lock() if kind == "Lock" else threading.RLock()
    n = 500_000
    box = [0]

    def once():
        for _ in range(n):
            with lock:
                box[0] += 1

    measure(f"uncontended_{kind.lower()}", "ns/op", n, once)


def contended_counter():
    # Two threads, one lock, one counter: the time per deposit as seen by each thread.
    lock = threading.Lock()
    n = 200_000
    box = [0]

    def depositor():
        for _ in range(n):
            with lock:
                box[0] += 1

    def once():
        threads = [threading.Thread(target=depositor) for _ in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()

    measure("contended_counter", "ns/op", n, once)


def queue_1p1c(capacity=1024):
    n = 100_000

    def once():
        q = queue.Queue(maxsize=capacity)

        def consumer():
            for _ in range(n):
                q.get()

        c = threading.Thread(target=consumer)
        c.start()
        for i in range(n):
            q.put(i)
        c.join()

    measure("queue_1p1c", "ns/op", n, once)


def priority_queue(size=1_000):
    n = 100_000
    rng = random.Random(7)
    keys = [rng.randrange(1_000_000) for _ in range(n)]

    def once():
        q = queue.PriorityQueue()
        for k in range(size):
            q.put(k)
        for k in keys:
            q.put(k)
            q.get()

    measure("priority_queue", "ns/op", n, once)


def ping_pong(name, make_channel):
    n = 20_000
    ping_send, ping_receive = make_channel()
    pong_send, pong_receive = make_channel()
    running = [True]

    def echo():
        while True:
            ping_receive()
            if not running[0]:
                return
            pong_send()

    t = threading.Thread(target=echo, daemon=True)
    t.start()

    def once():
        for _ in range(n):
            ping_send()
            pong_receive()

    measure(name, "us/op", n, once)
    running[0] = False
    ping_send()
    t.join()


def event_channel():
    e = threading.Event()

    def receive():
        e.wait()
        e.clear()

    return e.set, receive


def condition_channel_pair():
    cond = threading.Condition()
    pending = [0, 0]

    def side(i):
        def send():
            with cond:
                pending[i] += 1
                cond.notify_all()

        def receive():
            with cond:
                while pending[i] == 0:
                    cond.wait()
                pending[i] -= 1

        return send, receive

    return side


def condition_handoff():
    side = condition_channel_pair()
    channels = iter([side(1), side(0)])
    ping_pong("condition_handoff", lambda: next(channels))


def trivial(x):
    return x


def tpe_submit(workers=2, batch=1_000):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        def once():
            futures = [pool.submit(trivial, i) for i in range(batch)]
            for f in futures:
                f.result()

        measure("tpe_submit", "us/op", batch, once)


def tpe_map(workers=2, items=100_000):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        def once():
            for _ in pool.map(trivial, range(items)):
                pass

        measure("tpe_map_100k", "ms/op", 1, once, rounds=3)


def sched_100k(events=100_000):
    rng = random.Random(11)
    times = [rng.random() * 86_400 for _ in range(events)]

    def once():
        clock = [0.0]

        def timefunc():
            return clock[0]

        def delayfunc(seconds):
            clock[0] += seconds

        s = sched.scheduler(timefunc, delayfunc)
        action = trivial
        for t in times:
            s.enterabs(t, 0, action, (0,))
        s.run()

    measure("sched_100k", "ms/op", 1, once, rounds=3)


def _spawn_first_line(conn):
    conn.send(1)


def spawn_start(processes=20):
    # From start() until the parent sees the child's first line run (a message on a pipe), with
    # the "spawn" start method: a fresh interpreter, as a JvmProcess is a fresh JVM. The child
    # is joined outside the measured time.
    import multiprocessing
    ctx = multiprocessing.get_context("spawn")
    rounds = ROUNDS
    per_op = []
    for r in range(rounds + 1):
        total = 0
        for _ in range(processes):
            reader, writer = ctx.Pipe(duplex=False)
            t0 = time.perf_counter_ns()
            p = ctx.Process(target=_spawn_first_line, args=(writer,))
            p.start()
            reader.recv()
            total += time.perf_counter_ns() - t0
            p.join()
        if r > 0:   # the first round warms up
            per_op.append(total / processes / UNITS["ms/op"])
    mean = statistics.fmean(per_op)
    error = (max(per_op) - min(per_op)) / 2
    print(f"RESULT spawn_start {mean:.6g} {error:.3g} ms/op", flush=True)


def _ppe_pool(workers=2):
    # A warm pool: every worker started and past its first task.
    from concurrent.futures import ProcessPoolExecutor
    pool = ProcessPoolExecutor(max_workers=workers)
    for f in [pool.submit(trivial, i) for i in range(4 * workers)]:
        f.result()
    return pool


def ppe_map(chunksize, items=10_000):
    name = f"ppe_map_chunk{chunksize}"
    with _ppe_pool() as pool:
        def once():
            for _ in pool.map(trivial, range(items), chunksize=chunksize):
                pass

        measure(name, "ms/op", 1, once, rounds=3)


def ppe_roundtrip(tasks=1_000):
    with _ppe_pool() as pool:
        def once():
            for i in range(tasks):
                pool.submit(trivial, i).result()

        measure("ppe_roundtrip", "us/op", tasks, once)


WORKLOADS = {
    "uncontended_lock": lambda: uncontended_lock("Lock"),
    "uncontended_rlock": lambda: uncontended_lock("RLock"),
    "contended_counter": contended_counter,
    "queue_1p1c": queue_1p1c,
    "priority_queue": priority_queue,
    "event_ping_pong": lambda: ping_pong("event_ping_pong", event_channel),
    "condition_handoff": condition_handoff,
    "tpe_submit": tpe_submit,
    "tpe_map_100k": tpe_map,
    "sched_100k": sched_100k,
    "spawn_start": spawn_start,
    "ppe_map_chunk1": lambda: ppe_map(1),
    "ppe_map_chunk100": lambda: ppe_map(100),
    "ppe_roundtrip": ppe_roundtrip,
}


def main(argv):
    global ROUNDS, THREADS
    args = [a for a in argv if not a.startswith("--")]
    if "--list" in argv:
        print("\n".join(WORKLOADS))
        return 0
    if "--quick" in argv:
        ROUNDS = 3
    for a in argv:
        if a.startswith("--threads="):
            THREADS = int(a.split("=", 1)[1])
    names = args or list(WORKLOADS)
    unknown = [n for n in names if n not in WORKLOADS]
    if unknown:
        print(f"unknown workload(s): {', '.join(unknown)}; known: {', '.join(WORKLOADS)}", file=sys.stderr)
        return 2
    print(f"INFO python {sys.version.split()[0]} {sys.implementation.name}", flush=True)
    for name in names:
        WORKLOADS[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

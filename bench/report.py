#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""bench/report.py META BENCH_TXT OUTDIR: turn the guest's BENCH lines into
OUTDIR/report.md (tables of min and median times, the ratios that are the
result, and whether each design target was met), OUTDIR/memory.png (time
against memory size for both tools, by gnuplot) and OUTDIR/raw.txt."""
import collections
import os
import shutil
import statistics
import subprocess
import sys

meta_path, bench_path, outdir = sys.argv[1:4]
data = collections.defaultdict(list)   # (row, tool, what, param) -> [values]
for line in open(bench_path):
    f = line.split()
    if len(f) != 6 or f[0] != 'BENCH':
        continue
    data[tuple(f[1:5])].append(float(f[5]))


def vals(*key):
    return data.get(key, [])


def med(v):
    return statistics.median(v) if v else None


def fmt_ms(ns):
    return '-' if ns is None else f'{ns / 1e6:.1f}'


def ratio(a, b):
    return None if not a or not b else a / b


def fmt_x(r):
    return '-' if r is None else f'{r:.2f}x'


def min_med(v):
    return f'{fmt_ms(min(v)) if v else "-"} / {fmt_ms(med(v))}'


memcpy = med(vals('memcpy', '-', 'bw', '512'))       # MB/s
kcopy = med(vals('kcopy', '-', 'bw', '512'))         # MB/s
sizes = sorted({int(k[3]) for k in data if k[0] == 'mem'})
out = []
targets = []
w = out.append
w('# Checkpoint/restart benchmarks: the series against CRIU\n')
w('Measured by `make bench` (bench/README.md). Absolute times are from a '
  'TCG guest and do not compare across machines; the ratios, taken in '
  'one run on one guest, are the result.\n')
w('```')
w(open(meta_path).read().rstrip())
w(f'guest memcpy bandwidth (best of 5 copies of 512 MiB, median of the '
  f'run\'s measurements): {memcpy:.0f} MB/s' if memcpy else 'memcpy: -')
w(f'guest kernel copy bandwidth (read(2) of a cached 512 MiB tmpfs file, '
  f'best of 5, median of the run\'s measurements): {kcopy:.0f} MB/s'
  if kcopy else 'kernel copy: -')
w('```\n')

w('## 1. Memory: one process, anonymous memory of distinct pages\n')
w('Checkpoint (with kill) to a tmpfs file, restart from it; each restored '
  'copy checks every word of its memory. Times in ms, min / median.\n')
w('| MiB | ours ckpt | CRIU dump | CRIU/ours | ours restart | CRIU restore '
  '| CRIU/ours | ours image | CRIU image | ours ckpt / memcpy | '
  'ours restart / memcpy |')
w('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
plot = []
for s in sizes:
    p = str(s)
    oc, cc = vals('mem', 'ours', 'ckpt', p), vals('mem', 'criu', 'ckpt', p)
    orr, cr = vals('mem', 'ours', 'restore', p), vals('mem', 'criu', 'restore', p)
    osz, csz = med(vals('mem', 'ours', 'size', p)), med(vals('mem', 'criu', 'size', p))
    rc, rr = ratio(med(cc), med(oc)), ratio(med(cr), med(orr))
    mb = s * 1048576 / 1e6

    def frac(t):
        if not t or not memcpy:
            return None
        return (mb / (t / 1e9)) / memcpy
    fc, fr = frac(med(oc)), frac(med(orr))
    w(f'| {s} | {min_med(oc)} | {min_med(cc)} | {fmt_x(rc)} | {min_med(orr)} '
      f'| {min_med(cr)} | {fmt_x(rr)} | '
      f'{"-" if osz is None else f"{osz / 1048576:.1f} MiB"} | '
      f'{"-" if csz is None else f"{csz / 1048576:.1f} MiB"} | '
      f'{"-" if fc is None else f"{fc:.0%}"} | {"-" if fr is None else f"{fr:.0%}"} |')
    plot.append((s, med(oc), med(orr), med(cc), med(cr)))
    if s in (1, 512):
        need = 10 if s == 1 else 4
        for what, r in (('checkpoint', rc), ('restart', rr)):
            targets.append((f'{what} at {s} MiB at least {need}x faster than CRIU',
                            r is not None and r >= need, fmt_x(r)))
    if s == 512:
        for what, f in (('checkpoint', fc), ('restart', fr)):
            targets.append((f'512 MiB {what} at 60% or more of memcpy bandwidth',
                            f is not None and f >= 0.6,
                            '-' if f is None else f'{f:.0%}'))
w('')
m512 = [p for p in plot if p[0] == 512]
if kcopy and memcpy and m512 and all(m512[0][1:]):
    bw = [512 * 1048576 / 1e6 / (t / 1e9) / kcopy for t in m512[0][1:]]
    w(f'Both tools copy every page with the kernel\'s copy routines, which '
      f'this guest runs at {kcopy:.0f} MB/s, {kcopy / memcpy:.0%} of its '
      f'userspace memcpy. Against that limit, at 512 MiB: ours '
      f'{bw[0]:.0%} (checkpoint) and {bw[1]:.0%} (restart), CRIU '
      f'{bw[2]:.0%} and {bw[3]:.0%}.\n')

w('### Restart in parallel\n')
w('The same image of ours, restarted from the tmpfs file, whose page data '
  'the tasks of the restart read at its offsets in parallel, and through a pipe '
  '(`cat IMAGE | cr restart`), read in order: the pipe\'s time includes '
  'cat\'s copy. Times in ms, min / median.\n')
w('| MiB | ours restart, file | ours restart, pipe | pipe/file |')
w('|---:|---:|---:|---:|')
for s in sizes:
    p = str(s)
    orr, orp = vals('mem', 'ours', 'restore', p), vals('mem', 'ours', 'restore-pipe', p)
    w(f'| {s} | {min_med(orr)} | {min_med(orp)} | '
      f'{fmt_x(ratio(med(orp), med(orr)))} |')
w('')

w('## 2. Downtime of a tree\n')
w('From the freeze to the restored tree running again: checkpoint with kill '
  'plus restart, each process with 4 MiB. pN: N processes; t16: one process '
  'of 16 threads. Times in ms, min / median.\n')
w('| tree | ours | CRIU | CRIU/ours |')
w('|---|---:|---:|---:|')
for shape in ('p1', 'p16', 'p64', 't16'):
    down = {}
    for tool in ('ours', 'criu'):
        c, r = vals('tree', tool, 'ckpt', shape), vals('tree', tool, 'restore', shape)
        down[tool] = [a + b for a, b in zip(c, r)]
    rd = ratio(med(down['criu']), med(down['ours']))
    w(f'| {shape} | {min_med(down["ours"])} | {min_med(down["criu"])} | {fmt_x(rd)} |')
    if shape == 'p16':
        targets.append(('downtime of a 16-process tree at least 20x shorter than CRIU\'s',
                        rd is not None and rd >= 20, fmt_x(rd)))
w('')

w('## 3. Streaming: 512 MiB, checkpoint into a restart on the same machine\n')
w('Ours: `cr checkpoint --kill PID | cr restart --pidns --detach`, the '
  'restart reading the stream as the checkpoint writes it, in a new pid '
  'namespace. CRIU streams only through an image streamer Debian does not '
  'ship; its row is a dump to tmpfs and a restore from it. Times in ms, '
  'min / median, until the copy runs.\n')
so, sc = vals('stream', 'ours', 'total', '512'), vals('stream', 'criu', 'total', '512')
rs = ratio(med(sc), med(so))
fs = None
if med(so) and memcpy:
    fs = (512 * 1048576 / 1e6 / (med(so) / 1e9)) / memcpy
w('| ours | CRIU | CRIU/ours | ours / memcpy |')
w('|---:|---:|---:|---:|')
w(f'| {min_med(so)} | {min_med(sc)} | {fmt_x(rs)} | {"-" if fs is None else f"{fs:.0%}"} |')
w('')

w('## 4. Cost to a system that does not checkpoint\n')
w('The same static binary on the patched kernel and on the base kernel, '
  'built from the same config, booted alternately. ns per operation: '
  'median over boots of each boot\'s best of three rounds; spread is '
  '(max - min) / median over the boots of that kernel.\n')
w('| benchmark | patched | base | patched/base | spread patched | spread base |')
w('|---|---:|---:|---:|---:|---:|')
names = []
for k in data:
    if k[0] == 'micro' and k[2] not in names:
        names.append(k[2])
within = True
for n in names:
    p, b = vals('micro', 'patched', n, '-'), vals('micro', 'base', n, '-')

    def spread(v):
        return (max(v) - min(v)) / med(v) if v and med(v) else None
    r = ratio(med(p), med(b))
    sp, sb = spread(p), spread(b)
    noise = max(x for x in (sp, sb, 0.0) if x is not None)
    if r is None or abs(r - 1) > max(noise, 0.02):
        within = False
    w(f'| {n} | {med(p) or "-":.0f} | {med(b) or "-":.0f} | {fmt_x(r)} | '
      f'{"-" if sp is None else f"{sp:.1%}"} | {"-" if sb is None else f"{sb:.1%}"} |'
      if p and b else f'| {n} | - | - | - | - | - |')
targets.append(('patched kernel within run-to-run noise of the base on every '
                'microbenchmark', within and bool(names), ''))
w('')

w('## Targets\n')
w('| target | met | measured |')
w('|---|---|---|')
for t, ok, m in targets:
    w(f'| {t} | {"yes" if ok else "**no**"} | {m} |')
w('')
w('![time against memory size](memory.png)\n')
w('Raw measurements: [raw.txt](raw.txt).')

os.makedirs(outdir, exist_ok=True)
with open(os.path.join(outdir, 'report.md'), 'w') as f:
    f.write('\n'.join(out) + '\n')
shutil.copy(bench_path, os.path.join(outdir, 'raw.txt'))

dat = os.path.join(outdir, 'memory.dat')
with open(dat, 'w') as f:
    for row in plot:
        f.write(' '.join('nan' if v is None else str(v / 1e9 if i else v)
                         for i, v in enumerate(row)) + '\n')
gp = f'''set terminal png size 900,600
set output "{os.path.join(outdir, 'memory.png')}"
set logscale xy
set xlabel "memory (MiB)"
set ylabel "time (s, median)"
set key top left
set grid
set title "checkpoint and restart of one process, TCG guest"
plot "{dat}" using 1:2 with linespoints title "ours: checkpoint", \\
     "{dat}" using 1:3 with linespoints title "ours: restart", \\
     "{dat}" using 1:4 with linespoints title "CRIU: dump", \\
     "{dat}" using 1:5 with linespoints title "CRIU: restore"
'''
try:
    subprocess.run(['gnuplot'], input=gp, text=True, check=True)
except (OSError, subprocess.CalledProcessError) as e:
    print(f'report: no plot: {e}', file=sys.stderr)
os.remove(dat)
print(os.path.join(outdir, 'report.md'))

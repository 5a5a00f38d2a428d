"""Times `wal append` under several WAL_OPTS and the reference, alternating, whole process (ad hoc).

Run from the repository's root after bench/append-cli.sh has built the launcher and the reference:
    python3 bench/results/2026-12-07-append-cli-jit/alternate.py ROUNDS INPUT label=WAL_OPTS... [ref]
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

rounds = int(sys.argv[1])
inp = sys.argv[2]
variants = sys.argv[3:]
wal = os.path.join('wal-cli', 'target', 'wal', 'bin', 'wal')
ref = os.path.join('wal-bench', 'target', 'append-cli', 'reference-build', 'release', 'peer')
work = tempfile.mkdtemp(prefix='alternate-', dir=os.path.join('wal-bench', 'target'))
log = os.path.join(work, 'log')
res = {}
for r in range(rounds):
    for v in variants:
        shutil.rmtree(log, ignore_errors=True)
        env = dict(os.environ)
        if v == 'ref':
            cmd = [ref, 'write', log, '67108864']
        else:
            label, opts = v.split('=', 1)
            env['WAL_OPTS'] = opts
            cmd = [wal, 'append', log, '--sync', 'manual']
        t = time.time()
        with open(inp, 'rb') as f:
            subprocess.run(cmd, stdin=f, stdout=subprocess.DEVNULL, env=env, check=True)
        res.setdefault(v.split('=')[0], []).append(time.time() - t)
for k, v in res.items():
    print(f"{k:10s} median {statistics.median(v):.3f}  " + " ".join(f"{x:.2f}" for x in v))
shutil.rmtree(work, ignore_errors=True)

import subprocess, sys, os, time, statistics, shutil
# usage: flags2.py ROUNDS INPUT label=opts ... [ref]
rounds=int(sys.argv[1]); inp=sys.argv[2]; variants=sys.argv[3:]
wal='/work/main/wal-cli/target/wal/bin/wal'; ref='/work/main/wal-bench/target/append-cli/reference-build/release/peer'
res={}
for r in range(rounds):
    for v in variants:
        shutil.rmtree('/tmp/alog', ignore_errors=True)
        env=dict(os.environ)
        if v=='ref':
            cmd=[ref,'write','/tmp/alog','67108864']
        else:
            label,opts=v.split('=',1); env['WAL_OPTS']=opts
            cmd=[wal,'append','/tmp/alog','--sync','manual']
        t=time.time()
        with open(inp,'rb') as f:
            subprocess.run(cmd, stdin=f, stdout=subprocess.DEVNULL, env=env, check=True)
        res.setdefault(v.split('=')[0],[]).append(time.time()-t)
for k,v in res.items():
    print(f"{k:10s} median {statistics.median(v):.3f}  " + " ".join(f"{x:.2f}" for x in v))
shutil.rmtree('/tmp/alog', ignore_errors=True)

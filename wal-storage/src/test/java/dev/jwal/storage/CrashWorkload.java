package dev.jwal.storage;

import dev.jwal.api.config.SyncPolicy;
import dev.jwal.api.config.WalConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link StorageCrashTest}: opens the storage (every-write, frequent checkpoints),
 * prints {@code READY}, then runs {@link #WRITERS} writer threads on their own namespaces until it is
 * killed. Each writer prints {@code ACK t i} once its i-th operation returned (so it is durable), and
 * {@code CKPT t i} just before an explicit checkpoint, so the parent can kill it in the middle of one.
 *
 * <p>Arguments: the storage directory and the seed of this run.
 */
public final class CrashWorkload {
    static final int WRITERS = 2;
    static final int CHECKPOINT_THRESHOLD = 50;
    static final int SEGMENT_SIZE = 4096;

    private CrashWorkload() {
    }

    static StorageConfig config(Path dir) {
        return StorageConfig.builder(WalConfig.builder(dir).syncPolicy(SyncPolicy.everyWrite())
                .segmentSize(SEGMENT_SIZE).checkpointThreshold(CHECKPOINT_THRESHOLD).build()).build();
    }

    static String prefix(int writer) {
        return "w" + writer + "-";
    }

    static long seed(long runSeed, int writer) {
        return runSeed * 31 + writer;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        PrintStream out = System.out;
        WalStorage storage = WalStorage.open(config(dir));
        StoreModel initial = new StoreModel(TestStores.contents(storage));
        say(out, "READY");
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                WorkloadGenerator generator = new WorkloadGenerator(seed(seed, writer), prefix(writer), writer == 0);
                StoreModel model = initial.copy();
                for (long i = 0; ; i++) {
                    Op op = generator.next(model);
                    if (op instanceof Op.Checkpoint) {
                        say(out, "CKPT " + writer + " " + i);
                    }
                    op.runOn(storage);
                    if (model.apply(op) != null) {
                        throw new IllegalStateException("the generator made an invalid op: " + op);
                    }
                    say(out, "ACK " + writer + " " + i);
                }
            }, "writer-" + w);
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> {
                say(out, "ERROR " + t.getName() + ": " + e);
                e.printStackTrace();
                System.exit(3);
            });
            thread.start();
            writers.add(thread);
        }
        for (Thread thread : writers) {
            thread.join();
        }
    }

    private static void say(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}

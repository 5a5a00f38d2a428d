// An ad-hoc experiment, not a benchmark (no JMH, one process, wall time): how fast 6,182-byte records
// (1536 kryo floats) go into a 512 MiB file by a plain write loop ("raw"), and by memory copy into 1 MiB
// mapped windows of a file that was zero-filled with writes beforehand ("zeroed", the fill not timed),
// preallocated with fallocate(1) ("falloc") or extended sparsely ("sparse"). Run from this directory:
//   java MappedFillExperiment.java DIR ROUNDS
import java.io.*;
import java.nio.*;
import java.nio.channels.*;
import java.nio.file.*;
import static java.nio.file.StandardOpenOption.*;

public class MappedFillExperiment {
    static final long SIZE = 512L << 20;
    static final int REC = 6182;
    static final int WINDOW = 1 << 20;
    public static void main(String[] a) throws Exception {
        Path dir = Paths.get(a[0]);
        int rounds = Integer.parseInt(a[1]);
        byte[] rec = new byte[REC];
        new java.util.Random(1).nextBytes(rec);
        for (int r = 0; r < rounds; r++) {
            for (String mode : new String[]{"raw", "zeroed", "falloc", "sparse"}) {
                Path f = dir.resolve("f-" + mode);
                Files.deleteIfExists(f);
                prepare(f, mode);
                long t0 = System.nanoTime();
                long n = run(f, mode, rec);
                long t = System.nanoTime() - t0;
                System.out.printf("%d %-7s %8.1f MB/s%n", r, mode, n * (double) REC / t * 1e3);
                Files.delete(f);
            }
        }
    }
    static void prepare(Path f, String mode) throws Exception {
        switch (mode) {
            case "raw": break;
            case "zeroed": try (FileChannel c = FileChannel.open(f, CREATE_NEW, WRITE)) {
                ByteBuffer z = ByteBuffer.allocateDirect(1 << 20);
                for (long p = 0; p < SIZE; p += z.capacity()) { z.clear(); c.write(z, p); }
            } break;
            case "falloc": new ProcessBuilder("fallocate", "-l", String.valueOf(SIZE), f.toString()).inheritIO().start().waitFor(); break;
            case "sparse": try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) { raf.setLength(SIZE); } break;
        }
    }
    static long run(Path f, String mode, byte[] rec) throws Exception {
        long n = 0;
        if (mode.equals("raw")) {
            try (FileChannel c = FileChannel.open(f, CREATE_NEW, WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(rec);
                for (long p = 0; p + REC <= SIZE; p += REC) { b.clear(); c.write(b); n++; }
            }
            return n;
        }
        try (FileChannel c = FileChannel.open(f, READ, WRITE)) {
            long pos = 0;
            MappedByteBuffer w = null; long wStart = -1;
            while (pos + REC <= SIZE) {
                if (w == null || pos + REC > wStart + WINDOW) {
                    wStart = pos & ~4095L;
                    w = c.map(FileChannel.MapMode.READ_WRITE, wStart, Math.min(WINDOW, SIZE - wStart));
                }
                w.put((int) (pos - wStart), rec);
                pos += REC; n++;
            }
        }
        return n;
    }
}

package dev.jwal.core.framed;

import dev.jwal.api.WalEntry;
import dev.jwal.api.codec.EntryCodec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * Consecutive records of a framed segment whose headers and checksums the reader has checked, with the bytes
 * that hold them, waiting to be decoded and handed out in order. The reader decodes them from the first
 * forwards as it hands them out, while one task of the common fork-join pool ({@link #decodeFromTheBack()})
 * decodes them from the last backwards; each record is claimed once (a compare-and-set of its state), by
 * whichever thread gets to it first, and the two meet in the middle.
 *
 * <p>The batch owns its byte array from the moment it is made: nothing writes it until every record has been
 * handed out ({@link #exhausted()}), after which no thread reads it. Records are added by the reader before
 * the task is started; results are published by a release store of their state and read after an acquire
 * load. Otherwise not thread safe: one reader hands the records out.
 */
final class RecordBatch {
    private static final VarHandle STATES = MethodHandles.arrayElementVarHandle(int[].class);
    private static final int FREE = 0;
    private static final int TAKEN = 1;
    private static final int DONE = 2;
    /** Spins waiting for the pool's thread to finish a record before yielding the processor. */
    private static final int SPINS_BEFORE_YIELD = 256;

    private final byte[] bytes;
    private final long bytesStart;
    private final EntryCodec codec;

    private long[] offsets = new long[64];
    private long[] lsns = new long[64];
    private int[] lengths = new int[64];
    private int size;

    private WalEntry[] entries;
    private Throwable[] failures;
    private int[] states;
    private int handedOut;

    /**
     * @param bytes      the bytes holding the records, from now on owned by the batch
     * @param bytesStart the segment offset of {@code bytes[0]}
     * @param codec      the codec the records are decoded with (thread safe, as every codec is)
     */
    RecordBatch(byte[] bytes, long bytesStart, EntryCodec codec) {
        this.bytes = bytes;
        this.bytesStart = bytesStart;
        this.codec = codec;
    }

    /** Adds the checked record at segment offset {@code offset}: its LSN and payload length. */
    void add(long offset, long lsn, int payloadLength) {
        if (size == offsets.length) {
            offsets = Arrays.copyOf(offsets, size * 2);
            lsns = Arrays.copyOf(lsns, size * 2);
            lengths = Arrays.copyOf(lengths, size * 2);
        }
        offsets[size] = offset;
        lsns[size] = lsn;
        lengths[size] = payloadLength;
        size++;
    }

    /** Whether no record was added. */
    boolean isEmpty() {
        return size == 0;
    }

    /** The segment offset just past the last record. */
    long end() {
        return offsets[size - 1] + FramedFormat.RECORD_HEADER + lengths[size - 1];
    }

    /** The bytes the batch holds, to be reused once it is {@link #exhausted()}. */
    byte[] bytes() {
        return bytes;
    }

    /** Ends adding records; when {@code decodeAhead}, starts the pool's task on them. */
    void seal(boolean decodeAhead) {
        entries = new WalEntry[size];
        failures = new Throwable[size];
        states = new int[size];
        if (decodeAhead && size > 1) {
            ForkJoinPool.commonPool().execute(this::decodeFromTheBack);
        }
    }

    /** The pool's task: decodes from the last record backwards until it meets one the reader has claimed. */
    private void decodeFromTheBack() {
        for (int i = size - 1; i > 0; i--) {
            if (!STATES.compareAndSet(states, i, FREE, TAKEN)) {
                return; // the reader got here first: it decodes everything before this record too
            }
            decode(i);
        }
    }

    private void decode(int i) {
        try {
            entries[i] = codec.decode(bytes, (int) (offsets[i] - bytesStart) + FramedFormat.RECORD_HEADER, lengths[i]);
        } catch (Throwable t) {
            failures[i] = t; // handed to the reader with the record, which treats it as a direct decode would
        }
        STATES.setRelease(states, i, DONE);
    }

    /** Whether every record has been handed out. */
    boolean exhausted() {
        return handedOut == size;
    }

    /**
     * Moves to the next record, decoding it here unless the pool's thread has claimed it (then waits for it).
     * Its fields are then {@link #offset()}, {@link #lsn()}, {@link #length()}, {@link #entry()} and
     * {@link #failure()}.
     */
    void next() {
        int i = handedOut++;
        if (STATES.compareAndSet(states, i, FREE, TAKEN)) {
            decode(i);
            return;
        }
        int spins = 0;
        while ((int) STATES.getAcquire(states, i) != DONE) {
            if (++spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    long offset() {
        return offsets[handedOut - 1];
    }

    long lsn() {
        return lsns[handedOut - 1];
    }

    int length() {
        return lengths[handedOut - 1];
    }

    /** The decoded entry, or null if decoding threw {@link #failure()}. */
    WalEntry entry() {
        return entries[handedOut - 1];
    }

    /** What decoding threw, or null. */
    Throwable failure() {
        return failures[handedOut - 1];
    }
}

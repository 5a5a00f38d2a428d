package dev.jwal.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.jwal.api.WalEntry;

import java.util.function.LongFunction;
import java.util.function.ToLongFunction;

/**
 * A marker that holds one unsigned 64-bit number ({@link WalEntry.Checkpoint}'s
 * LSN, a transaction marker's id): the number as an unsigned varlong. One
 * instance per entry type. Stateless and thread safe.
 */
final class NumberMarkerSerializer<T extends WalEntry> extends Serializer<T> {
    private final ToLongFunction<T> number;
    private final LongFunction<T> create;

    private NumberMarkerSerializer(ToLongFunction<T> number, LongFunction<T> create) {
        super(false, true);
        this.number = number;
        this.create = create;
    }

    static NumberMarkerSerializer<WalEntry.Checkpoint> forCheckpoint() {
        return new NumberMarkerSerializer<>(WalEntry.Checkpoint::lsn, WalEntry.Checkpoint::new);
    }

    static NumberMarkerSerializer<WalEntry.TxnBegin> forTxnBegin() {
        return new NumberMarkerSerializer<>(WalEntry.TxnBegin::txnId, WalEntry.TxnBegin::new);
    }

    static NumberMarkerSerializer<WalEntry.TxnCommit> forTxnCommit() {
        return new NumberMarkerSerializer<>(WalEntry.TxnCommit::txnId, WalEntry.TxnCommit::new);
    }

    static NumberMarkerSerializer<WalEntry.TxnRollback> forTxnRollback() {
        return new NumberMarkerSerializer<>(WalEntry.TxnRollback::txnId, WalEntry.TxnRollback::new);
    }

    @Override
    public void write(Kryo kryo, Output output, T entry) {
        Fields.writeUnsignedLong(output, number.applyAsLong(entry));
    }

    @Override
    public T read(Kryo kryo, Input input, Class<? extends T> type) {
        return create.apply(Fields.readUnsignedLong(input));
    }
}

package dev.jwal.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.jwal.api.WalEntry;
import dev.jwal.api.error.CodecException;

/**
 * Sets up a {@link Kryo} for entries and writes and reads the payload's
 * leading class id. A payload (format version 1) is Kryo's class id of the
 * entry type, an unsigned varint of the registration id + 2 (Kryo's
 * convention: 0 is null, 1 a class name), followed by the fields its
 * serializer writes. The registration ids below are part of the format and
 * never change; a new entry type takes a new id.
 *
 * <p>Stateless; each {@link Kryo} it makes is confined to one thread at a time.
 */
final class EntryKryo {
    static final int UPSERT_ID = 16;
    static final int DELETE_ID = 17;
    static final int CREATE_NAMESPACE_ID = 18;
    static final int DELETE_NAMESPACE_ID = 19;
    static final int CHECKPOINT_ID = 20;
    static final int TXN_BEGIN_ID = 21;
    static final int TXN_COMMIT_ID = 22;
    static final int TXN_ROLLBACK_ID = 23;

    /** Kryo writes a registration id + 2: 0 means null and 1 a class written by name. */
    private static final int CLASS_ID_OFFSET = 2;

    private EntryKryo() {
    }

    /** A Kryo that knows the eight entry types under their fixed ids and refuses any other class. */
    static Kryo create() {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        kryo.register(WalEntry.Upsert.class, new UpsertSerializer(), UPSERT_ID);
        kryo.register(WalEntry.Delete.class, new DeleteSerializer(), DELETE_ID);
        kryo.register(WalEntry.CreateNamespace.class, NamespaceSerializer.forCreate(), CREATE_NAMESPACE_ID);
        kryo.register(WalEntry.DeleteNamespace.class, NamespaceSerializer.forDelete(), DELETE_NAMESPACE_ID);
        kryo.register(WalEntry.Checkpoint.class, NumberMarkerSerializer.forCheckpoint(), CHECKPOINT_ID);
        kryo.register(WalEntry.TxnBegin.class, NumberMarkerSerializer.forTxnBegin(), TXN_BEGIN_ID);
        kryo.register(WalEntry.TxnCommit.class, NumberMarkerSerializer.forTxnCommit(), TXN_COMMIT_ID);
        kryo.register(WalEntry.TxnRollback.class, NumberMarkerSerializer.forTxnRollback(), TXN_ROLLBACK_ID);
        return kryo;
    }

    /** Writes the entry's class id and fields. */
    static void write(Kryo kryo, Output output, WalEntry entry) {
        kryo.writeClassAndObject(output, entry);
    }

    /**
     * Reads an entry's class id and fields. The class id is read here, not by
     * Kryo's resolver, so that garbage can never make Kryo read a class name or
     * a value of one of its built-in registrations (such as a String of any length).
     *
     * @throws CodecException if the class id is not one of the eight entry types
     */
    static WalEntry read(Kryo kryo, Input input) {
        int classId = input.readVarInt(true);
        Registration registration = classId >= CLASS_ID_OFFSET ? kryo.getRegistration(classId - CLASS_ID_OFFSET) : null;
        Class<?> registered = registration == null ? Void.class : registration.getType();
        if (!WalEntry.class.isAssignableFrom(registered)) {
            throw new CodecException("not an entry: class id " + Integer.toUnsignedString(classId)
                    + " is none of the entry types (registration ids " + UPSERT_ID + " to " + TXN_ROLLBACK_ID + ")");
        }
        return kryo.readObject(input, registered.asSubclass(WalEntry.class));
    }
}

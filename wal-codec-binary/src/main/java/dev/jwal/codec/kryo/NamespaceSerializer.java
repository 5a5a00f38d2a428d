package dev.jwal.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.jwal.api.WalEntry;

import java.util.function.Function;

/**
 * An entry that holds only a namespace ({@link WalEntry.CreateNamespace},
 * {@link WalEntry.DeleteNamespace}): the namespace as text. One instance per
 * entry type. Stateless and thread safe.
 */
final class NamespaceSerializer<T extends WalEntry> extends Serializer<T> {
    private final String typeName;
    private final Function<T, String> namespace;
    private final Function<String, T> create;

    private NamespaceSerializer(String typeName, Function<T, String> namespace, Function<String, T> create) {
        super(false, true);
        this.typeName = typeName;
        this.namespace = namespace;
        this.create = create;
    }

    static NamespaceSerializer<WalEntry.CreateNamespace> forCreate() {
        return new NamespaceSerializer<>("CreateNamespace", WalEntry.CreateNamespace::namespace, WalEntry.CreateNamespace::new);
    }

    static NamespaceSerializer<WalEntry.DeleteNamespace> forDelete() {
        return new NamespaceSerializer<>("DeleteNamespace", WalEntry.DeleteNamespace::namespace, WalEntry.DeleteNamespace::new);
    }

    @Override
    public void write(Kryo kryo, Output output, T entry) {
        Fields.writeText(output, namespace.apply(entry));
    }

    @Override
    public T read(Kryo kryo, Input input, Class<? extends T> type) {
        return create.apply(Fields.readText(input, typeName + " namespace"));
    }
}

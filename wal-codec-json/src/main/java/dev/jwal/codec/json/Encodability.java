package dev.jwal.codec.json;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.error.EntryRejectedException;

import java.util.List;

/**
 * Refuses entries that JSON or the reference cannot hold exactly, before any
 * byte is written: NaN and infinite values (JSON has no literal for them; the
 * reference writes {@code null} and then drops the whole entry when reading)
 * and strings with an unpaired surrogate (not Unicode text; the reference,
 * written in Rust, cannot read them). Stateless and thread safe.
 */
final class Encodability {
    private Encodability() {
    }

    /** @throws EntryRejectedException naming the entry type, namespace, vector id and value index at fault */
    static void check(WalEntry entry) {
        if (entry instanceof WalEntry.Upsert upsert) {
            checkText(upsert.namespace(), "Upsert", "the namespace");
            List<SerializedVector> vectors = upsert.vectors();
            for (int v = 0; v < vectors.size(); v++) {
                checkVector(upsert.namespace(), vectors.get(v), v);
            }
        } else if (entry instanceof WalEntry.Delete delete) {
            checkText(delete.namespace(), "Delete", "the namespace");
            List<String> ids = delete.ids();
            for (int i = 0; i < ids.size(); i++) {
                checkText(ids.get(i), "Delete", "id " + i + " of namespace " + Text.quote(delete.namespace()));
            }
        } else if (entry instanceof WalEntry.CreateNamespace create) {
            checkText(create.namespace(), "CreateNamespace", "the namespace");
        } else if (entry instanceof WalEntry.DeleteNamespace drop) {
            checkText(drop.namespace(), "DeleteNamespace", "the namespace");
        }
        // Checkpoint and transaction markers hold only numbers: always representable.
    }

    private static void checkVector(String namespace, SerializedVector vector, int index) {
        if (Text.unpairedSurrogateIndex(vector.id()) >= 0) {
            checkText(vector.id(), "Upsert", "the id of " + where(namespace, vector, index));
        }
        if (vector.metadata() != null && Text.unpairedSurrogateIndex(vector.metadata()) >= 0) {
            checkText(vector.metadata(), "Upsert", "the metadata of " + where(namespace, vector, index));
        }
        int dimension = vector.dimension();
        for (int i = 0; i < dimension; i++) {
            float value = vector.value(i);
            if (!Float.isFinite(value)) {
                throw new EntryRejectedException("cannot encode Upsert as JSON: " + where(namespace, vector, index)
                        + " has " + value + " at value index " + i + "; JSON has no NaN or infinity (the reference"
                        + " would write null and lose the entry on reading)");
            }
        }
    }

    /** Names a vector in a message; built only when there is something to report. */
    private static String where(String namespace, SerializedVector vector, int index) {
        return "vector " + Text.quote(vector.id()) + " (vector " + index + ") in namespace " + Text.quote(namespace);
    }

    private static void checkText(String text, String variant, String what) {
        int bad = Text.unpairedSurrogateIndex(text);
        if (bad >= 0) {
            throw new EntryRejectedException("cannot encode " + variant + " as JSON: " + what + " " + Text.quote(text)
                    + " is not valid Unicode text: unpaired surrogate " + Text.codeUnit(text.charAt(bad))
                    + " at char index " + bad);
        }
    }
}

package dev.jwal.codec.protobuf;

import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.error.EntryRejectedException;

/**
 * Refuses entries with a string protobuf cannot hold: a string with an
 * unpaired surrogate is not Unicode text, and protobuf's UTF-8 writer would
 * silently replace it with '?'. Stateless.
 */
final class UnicodeCheck {
    private UnicodeCheck() {
    }

    /** @throws EntryRejectedException naming the field and char index of the first unpaired surrogate */
    static void check(WalEntry entry) {
        if (entry instanceof WalEntry.Upsert upsert) {
            check(upsert.namespace(), "Upsert namespace");
            for (int v = 0; v < upsert.vectors().size(); v++) {
                SerializedVector vector = upsert.vectors().get(v);
                check(vector.id(), "Upsert vector " + v + " id");
                if (vector.metadata() != null) {
                    check(vector.metadata(), "Upsert vector " + v + " (id " + vector.id() + ") metadata");
                }
            }
        } else if (entry instanceof WalEntry.Delete delete) {
            check(delete.namespace(), "Delete namespace");
            for (int i = 0; i < delete.ids().size(); i++) {
                check(delete.ids().get(i), "Delete id " + i);
            }
        } else if (entry instanceof WalEntry.CreateNamespace create) {
            check(create.namespace(), "CreateNamespace namespace");
        } else if (entry instanceof WalEntry.DeleteNamespace drop) {
            check(drop.namespace(), "DeleteNamespace namespace");
        }
        // The markers hold only numbers.
    }

    private static void check(String text, String field) {
        int bad = unpairedSurrogateIndex(text);
        if (bad >= 0) {
            throw new EntryRejectedException("cannot encode as protobuf: " + field + " is not valid Unicode text"
                    + String.format(" (unpaired surrogate U+%04X at char index %d)", (int) text.charAt(bad), bad)
                    + "; protobuf strings are UTF-8");
        }
    }

    /** The index of the first unpaired surrogate, or -1 when every surrogate is part of a pair. */
    static int unpairedSurrogateIndex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}

package dev.jwal.codec.json;

import java.util.Arrays;

/**
 * The shape of one struct of the reference's data model (a variant's fields or
 * a vector): its fields in declaration order, what each holds and which may be
 * left out. Immutable.
 */
final class StructShape {
    /** What a field holds, which says how to read it. */
    enum Kind {
        /** A JSON string that is valid Unicode text. */
        STRING,
        /** A string or {@code null}; may be left out (serde's {@code Option<String>}). */
        OPTIONAL_STRING,
        /** An array of numbers read as 32-bit floats. */
        FLOATS,
        /** An array of vector structs. */
        VECTORS,
        /** An array of strings. */
        STRINGS,
        /** An unsigned 64-bit integer. */
        UNSIGNED_64
    }

    private final String name;
    private final String[] fields;
    private final Kind[] kinds;

    /**
     * @param name         how messages name the struct
     * @param fieldsKinds  alternately a field name and its {@link Kind}, in declaration order
     */
    StructShape(String name, Object... fieldsKinds) {
        this.name = name;
        this.fields = new String[fieldsKinds.length / 2];
        this.kinds = new Kind[fieldsKinds.length / 2];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = (String) fieldsKinds[2 * i];
            kinds[i] = (Kind) fieldsKinds[2 * i + 1];
        }
    }

    String name() {
        return name;
    }

    int size() {
        return fields.length;
    }

    String field(int index) {
        return fields[index];
    }

    Kind kind(int index) {
        return kinds[index];
    }

    /** Whether the field may be left out of the object form (it then reads as null). */
    boolean optional(int index) {
        return kinds[index] == Kind.OPTIONAL_STRING;
    }

    /** The index of the field named {@code key}, or -1 for a field the struct does not have. */
    int indexOf(String key) {
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(fields);
    }
}

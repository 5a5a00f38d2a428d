package dev.jwal.codec.json;

import dev.jwal.api.codec.DecodeBudget;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.jwal.api.SerializedVector;
import dev.jwal.api.WalEntry;
import dev.jwal.api.error.CodecException;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one payload from a parser under the reference's (serde_json's) rules:
 * exactly one entry object and nothing after it but whitespace; the entry a
 * one-key object naming the variant; each struct as an object (fields in any
 * order, unknown fields ignored, a duplicate field refused, {@code metadata}
 * optional, every other field required) or, as serde also accepts, as an
 * array of exactly its fields in declaration order. Strings must be valid
 * Unicode, u64 fields non-negative integers below 2^64, float values numbers
 * that stay finite as f32 ({@link SerdeNumbers}).
 *
 * <p>One instance reads one payload; not thread safe (each thread reuses its
 * own array for the values it reads). Every problem is a
 * {@link CodecException} naming where in the entry it is and the byte offset;
 * Jackson's own exceptions pass through for the caller to wrap.
 */
final class EntryReader {
    private static final StructShape VECTOR = new StructShape("vector",
            "id", StructShape.Kind.STRING, "values", StructShape.Kind.FLOATS, "metadata", StructShape.Kind.OPTIONAL_STRING);

    /** Values are read into this thread's array first, then copied once, at their exact count, into the vector. */
    private static final ThreadLocal<float[]> VALUES = ThreadLocal.withInitial(() -> new float[256]);
    /** A values array grown past this many floats is not kept for the thread's next payload. */
    private static final int MAX_RETAINED_VALUES = 1 << 18;

    private final JsonParser parser;
    private final DecodeBudget budget;

    EntryReader(JsonParser parser, DecodeBudget budget) {
        this.budget = budget;
        this.parser = parser;
    }

    /** Reads the payload: one entry, then the end of the input. */
    WalEntry readPayload() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw error("payload", "is empty: expected an entry object such as {\"CreateNamespace\":{\"namespace\":\"a\"}}");
        }
        if (token != JsonToken.START_OBJECT) {
            throw error("payload", "expected an entry object {\"<type>\":{...}}, found " + describe(token));
        }
        token = parser.nextToken();
        if (token != JsonToken.FIELD_NAME) {
            throw error("payload", "entry object has no key: expected one key naming the entry type, one of " + EntryType.NAMES);
        }
        String key = parser.currentName();
        EntryType type = EntryType.byKey(key);
        if (type == null) {
            throw error("payload", "unknown entry type " + Text.quote(key) + ", expected one of " + EntryType.NAMES);
        }
        parser.nextToken();
        WalEntry entry = type.build(readStruct(type.shape(), key));
        token = parser.nextToken();
        if (token != JsonToken.END_OBJECT) {
            throw error("payload", "entry object must have exactly one key, the entry type, but " + describe(token)
                    + " follows " + Text.quote(key));
        }
        token = parser.nextToken();
        if (token != null) {
            throw error("payload", "has data after the entry object: " + describe(token));
        }
        return entry;
    }

    /** Reads the struct whose first token is current; returns its fields' values in declaration order. */
    private Object[] readStruct(StructShape shape, String path) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            return readStructObject(shape, path);
        }
        if (token == JsonToken.START_ARRAY) {
            return readStructArray(shape, path);
        }
        throw error(path, "expected an object with the fields " + fieldList(shape) + ", found " + describe(token));
    }

    private Object[] readStructObject(StructShape shape, String path) throws IOException {
        Object[] values = new Object[shape.size()];
        int seen = 0;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int index = shape.indexOf(key);
            parser.nextToken();
            if (index < 0) {
                parser.skipChildren(); // unknown fields are ignored, as serde does by default
                continue;
            }
            if ((seen & 1 << index) != 0) {
                throw error(path, "duplicate field " + Text.quote(key));
            }
            seen |= 1 << index;
            values[index] = readValue(shape.kind(index), path, key);
        }
        if (token != JsonToken.END_OBJECT) {
            throw error(path, "expected a field name or the end of the object, found " + describe(token));
        }
        for (int i = 0; i < shape.size(); i++) {
            if ((seen & 1 << i) == 0 && !shape.optional(i)) {
                throw error(path, "missing field " + Text.quote(shape.field(i)));
            }
        }
        return values;
    }

    private Object[] readStructArray(StructShape shape, String path) throws IOException {
        Object[] values = new Object[shape.size()];
        for (int i = 0; i < shape.size(); i++) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY || token == null) {
                throw error(path, "written as an array must have " + shape.size() + " elements " + fieldList(shape)
                        + ", found " + i);
            }
            values[i] = readValue(shape.kind(i), path, shape.field(i));
        }
        JsonToken token = parser.nextToken();
        if (token != JsonToken.END_ARRAY) {
            throw error(path, "written as an array must have " + shape.size() + " elements " + fieldList(shape)
                    + ", found more");
        }
        return values;
    }

    private Object readValue(StructShape.Kind kind, String path, String field) throws IOException {
        switch (kind) {
            case STRING:
                return readString(path, field);
            case OPTIONAL_STRING:
                return parser.currentToken() == JsonToken.VALUE_NULL ? null : readString(path, field);
            case FLOATS:
                return readFloats(path, field);
            case VECTORS:
                return readVectors(at(path, field));
            case STRINGS:
                return readStrings(at(path, field));
            case UNSIGNED_64:
                return readUnsigned64(path, field);
            default:
                throw new IllegalStateException("unknown field kind " + kind);
        }
    }

    private String readString(String path, String field) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_STRING) {
            throw error(at(path, field), "expected a string, found " + describe(token));
        }
        String text = parser.getText();
        int bad = Text.unpairedSurrogateIndex(text);
        if (bad >= 0) {
            throw error(at(path, field), "string " + Text.quote(text) + " is not valid Unicode: unpaired surrogate "
                    + Text.codeUnit(text.charAt(bad)) + " at char index " + bad);
        }
        return text;
    }

    private List<String> readStrings(String path) throws IOException {
        expectArray(path, "an array of strings");
        List<String> strings = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            String text = readString(path, "[" + strings.size() + "]");
            budget.charge(DecodeBudget.listedStringCost(text), path, strings.size());
            strings.add(text);
        }
        expectArrayEnd(token, path);
        return strings;
    }

    private List<SerializedVector> readVectors(String path) throws IOException {
        expectArray(path, "an array of vectors");
        List<SerializedVector> vectors = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            Object[] fields = readStruct(VECTOR, path + "[" + vectors.size() + "]");
            // One copy of the values, from this thread's array into the vector's own.
            SerializedVector vector = SerializedVector.fromBuffer((String) fields[0], (FloatBuffer) fields[1],
                    (String) fields[2]);
            budget.charge(DecodeBudget.vectorCost(vector.id(), vector.dimension(), vector.metadata()),
                    path, vectors.size());
            vectors.add(vector);
        }
        expectArrayEnd(token, path);
        return vectors;
    }

    /**
     * The values of the field {@code field} of the struct at {@code path} (a path built only for a message),
     * as a view of this thread's array: valid until the next call on this thread.
     */
    private FloatBuffer readFloats(String structPath, String field) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            expectArray(at(structPath, field), "an array of numbers");
        }
        float[] values = VALUES.get();
        int count = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
                throw error(at(structPath, field) + "[" + count + "]", "expected a number, found " + describe(token)
                        + (token == JsonToken.VALUE_NULL ? " (the reference writes null for NaN or infinity)" : ""));
            }
            float value = SerdeNumbers.toFloat32(parser);
            if (Float.isInfinite(value)) {
                throw error(at(structPath, field) + "[" + count + "]", "number " + parser.getText()
                        + " is out of the range of a 32-bit float");
            }
            if (count == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
                if (values.length <= MAX_RETAINED_VALUES) {
                    VALUES.set(values);
                }
            }
            values[count++] = value;
        }
        if (token == null) {
            expectArrayEnd(null, at(structPath, field));
        }
        return FloatBuffer.wrap(values, 0, count);
    }

    private long readUnsigned64(String path, String field) throws IOException {
        if (!SerdeNumbers.isUnsigned64(parser)) {
            throw error(at(path, field), "expected an unsigned 64-bit integer (0 to 18446744073709551615), found "
                    + describe(parser.currentToken()));
        }
        return SerdeNumbers.unsigned64(parser);
    }

    private void expectArray(String path, String what) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.START_ARRAY) {
            throw error(path, "expected " + what + ", found " + describe(token));
        }
    }

    private void expectArrayEnd(JsonToken token, String path) {
        if (token == null) {
            throw error(path, "payload ends inside the array");
        }
    }

    /** The path of a field ({@code Upsert.namespace}) or an element ({@code Delete.ids[2]}). */
    private static String at(String path, String field) {
        return field.startsWith("[") ? path + field : path + "." + field;
    }

    private static String fieldList(StructShape shape) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < shape.size(); i++) {
            list.append(i == 0 ? "" : ", ").append(shape.field(i));
        }
        return list.append(']').toString();
    }

    /** How a message shows the current token. */
    private String describe(JsonToken token) throws IOException {
        if (token == null) {
            return "the end of the payload";
        }
        switch (token) {
            case START_OBJECT:
                return "an object";
            case START_ARRAY:
                return "an array";
            case END_OBJECT:
            case END_ARRAY:
                return "the end of the " + (token == JsonToken.END_OBJECT ? "object" : "array");
            case FIELD_NAME:
                return "the key " + Text.quote(parser.currentName());
            case VALUE_STRING:
                return "the string " + Text.quote(parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                String number = parser.getText();
                return "the number " + (number.length() > 40 ? number.substring(0, 40) + "..." : number);
            case VALUE_NULL:
                return "null";
            case VALUE_TRUE:
                return "true";
            case VALUE_FALSE:
                return "false";
            default:
                return token.toString();
        }
    }

    private CodecException error(String path, String what) {
        return new CodecException(path + ": " + what + " (at byte " + parser.currentTokenLocation().getByteOffset() + ")");
    }
}

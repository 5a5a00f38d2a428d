package dev.jwal.codec.json;

import dev.jwal.api.error.CodecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static dev.jwal.codec.json.Fixtures.CODEC;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every kind of bad payload is a CodecException that says what is wrong. */
class DecodeFailureTest {
    private static final String VECTOR = "{\"id\":\"v\",\"values\":[1.0],\"metadata\":null}";

    private static String upsertWithValues(String values) {
        return "{\"Upsert\":{\"namespace\":\"n\",\"vectors\":[{\"id\":\"v\",\"values\":[" + values + "],\"metadata\":null}]}}";
    }

    /** Text with {@code <xx>} standing for the raw byte 0xxx. */
    private static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '<') {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                byte[] utf8 = String.valueOf(text.charAt(i)).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toByteArray();
    }

    static Stream<Arguments> invalidJson() {
        return Stream.of(
                arguments("empty payload", "", "empty"),
                arguments("only whitespace", " \n\t", "empty"),
                arguments("not JSON at all", "hello", "not valid JSON"),
                arguments("unclosed object", "{\"CreateNamespace\":{\"namespace\":\"a\"}", "end-of-input"),
                arguments("unclosed string", "{\"CreateNamespace\":{\"namespace\":\"a}}", "end-of-input"),
                arguments("single quotes", "{'CreateNamespace':{'namespace':'a'}}", "not valid JSON"),
                arguments("trailing comma", "{\"Delete\":{\"namespace\":\"a\",\"ids\":[\"x\",]}}", "not valid JSON"),
                arguments("comment", "{\"CreateNamespace\":{\"namespace\":\"a\"}}//c", "not valid JSON"),
                arguments("leading zero", upsertWithValues("01"), "not valid JSON"),
                arguments("leading plus", upsertWithValues("+1"), "not valid JSON"),
                arguments("bare fraction", upsertWithValues(".5"), "not valid JSON"),
                arguments("NaN literal", upsertWithValues("NaN"), "not valid JSON"),
                arguments("Infinity literal", upsertWithValues("Infinity"), "not valid JSON"),
                arguments("bad escape", "{\"CreateNamespace\":{\"namespace\":\"\\x\"}}", "not valid JSON"),
                arguments("raw tab inside a string", "{\"CreateNamespace\":{\"namespace\":\"a\tb\"}}", "not valid JSON"),
                arguments("raw newline inside a string", "{\"CreateNamespace\":{\"namespace\":\"a\nb\"}}", "not valid JSON"),
                arguments("trailing garbage", "{\"CreateNamespace\":{\"namespace\":\"a\"}}x", "not valid JSON"),
                arguments("a second value after the entry", "{\"CreateNamespace\":{\"namespace\":\"a\"}} {}", "data after the entry"),
                arguments("a second entry after the entry", "{\"Checkpoint\":{\"lsn\":1}}{\"Checkpoint\":{\"lsn\":2}}", "data after the entry"),
                arguments("top-level array", "[\"Checkpoint\",{\"lsn\":1}]", "expected an entry object"),
                arguments("top-level string", "\"Checkpoint\"", "expected an entry object"),
                arguments("top-level null", "null", "expected an entry object"),
                arguments("empty entry object", "{}", "no key"),
                arguments("unknown variant", "{\"Insert\":{\"namespace\":\"a\"}}", "unknown entry type \"Insert\""),
                arguments("variant in the wrong case", "{\"checkpoint\":{\"lsn\":1}}", "unknown entry type"),
                arguments("wrapper with two keys", "{\"Checkpoint\":{\"lsn\":1},\"TxnBegin\":{\"txn_id\":1}}", "exactly one key"),
                arguments("wrapper with an extra unknown key", "{\"Checkpoint\":{\"lsn\":1},\"x\":1}", "exactly one key"),
                arguments("variant value is null", "{\"CreateNamespace\":null}", "expected an object"),
                arguments("variant value is a string", "{\"CreateNamespace\":\"a\"}", "expected an object"));
    }

    static Stream<Arguments> missingFields() {
        return Stream.of(
                arguments("Upsert without namespace", "{\"Upsert\":{\"vectors\":[]}}", "missing field \"namespace\""),
                arguments("Upsert without vectors", "{\"Upsert\":{\"namespace\":\"n\"}}", "missing field \"vectors\""),
                arguments("vector without values", "{\"Upsert\":{\"namespace\":\"n\",\"vectors\":[{\"id\":\"v\"}]}}", "missing field \"values\""),
                arguments("vector without id", "{\"Upsert\":{\"namespace\":\"n\",\"vectors\":[{\"values\":[]}]}}", "missing field \"id\""),
                arguments("Delete without namespace", "{\"Delete\":{\"ids\":[]}}", "missing field \"namespace\""),
                arguments("Delete without ids", "{\"Delete\":{\"namespace\":\"n\"}}", "missing field \"ids\""),
                arguments("CreateNamespace without namespace", "{\"CreateNamespace\":{}}", "missing field \"namespace\""),
                arguments("DeleteNamespace without namespace", "{\"DeleteNamespace\":{\"name\":\"a\"}}", "missing field \"namespace\""),
                arguments("Checkpoint without lsn", "{\"Checkpoint\":{}}", "missing field \"lsn\""),
                arguments("TxnBegin without txn_id", "{\"TxnBegin\":{\"txnId\":1}}", "missing field \"txn_id\""),
                arguments("TxnCommit without txn_id", "{\"TxnCommit\":{}}", "missing field \"txn_id\""),
                arguments("TxnRollback without txn_id", "{\"TxnRollback\":{}}", "missing field \"txn_id\""),
                arguments("struct array too short", "{\"Upsert\":[\"n\"]}", "must have 2 elements"),
                arguments("struct array too long", "{\"Checkpoint\":[1,2]}", "must have 1 elements"),
                arguments("vector array without metadata", "{\"Upsert\":[\"n\",[[\"v\",[1.0]]]]}", "must have 3 elements"));
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                arguments("namespace is a number", "{\"CreateNamespace\":{\"namespace\":5}}", "CreateNamespace.namespace: expected a string"),
                arguments("namespace is null", "{\"DeleteNamespace\":{\"namespace\":null}}", "expected a string, found null"),
                arguments("vectors is an object", "{\"Upsert\":{\"namespace\":\"n\",\"vectors\":{}}}", "Upsert.vectors: expected an array"),
                arguments("vectors is null", "{\"Upsert\":{\"namespace\":\"n\",\"vectors\":null}}", "Upsert.vectors: expected an array"),
                arguments("vector is a string", "{\"Upsert\":{\"namespace\":\"n\",\"vectors\":[\"v\"]}}", "Upsert.vectors[0]: expected an object"),
                arguments("id is a number", "{\"Upsert\":{\"namespace\":\"n\",\"vectors\":[" + VECTOR + ",{\"id\":1,\"values\":[]}]}}", "Upsert.vectors[1].id"),
                arguments("values is a number", "{\"Upsert\":{\"namespace\":\"n\",\"vectors\":[{\"id\":\"v\",\"values\":1.0}]}}", "values: expected an array"),
                arguments("value is a string", upsertWithValues("1.0,\"2.0\""), "values[1]: expected a number"),
                arguments("value is null", upsertWithValues("1.0,null"), "values[1]: expected a number, found null"),
                arguments("value is a boolean", upsertWithValues("true"), "values[0]: expected a number"),
                arguments("value is an array", upsertWithValues("[1.0]"), "values[0]: expected a number"),
                arguments("metadata is a number", "{\"Upsert\":{\"namespace\":\"n\",\"vectors\":[{\"id\":\"v\",\"values\":[],\"metadata\":1}]}}", "metadata: expected a string"),
                arguments("metadata is an object", "{\"Upsert\":{\"namespace\":\"n\",\"vectors\":[{\"id\":\"v\",\"values\":[],\"metadata\":{}}]}}", "metadata: expected a string"),
                arguments("ids is a string", "{\"Delete\":{\"namespace\":\"n\",\"ids\":\"a\"}}", "Delete.ids: expected an array"),
                arguments("an id is null", "{\"Delete\":{\"namespace\":\"n\",\"ids\":[\"a\",null]}}", "Delete.ids[1]: expected a string"),
                arguments("lsn is a string", "{\"Checkpoint\":{\"lsn\":\"1\"}}", "Checkpoint.lsn: expected an unsigned 64-bit integer"),
                arguments("txn_id is null", "{\"TxnBegin\":{\"txn_id\":null}}", "TxnBegin.txn_id: expected an unsigned 64-bit integer"),
                arguments("duplicate field", "{\"Delete\":{\"namespace\":\"a\",\"ids\":[],\"namespace\":\"b\"}}", "duplicate field \"namespace\""),
                arguments("duplicate metadata", "{\"Upsert\":{\"namespace\":\"n\",\"vectors\":[{\"id\":\"v\",\"values\":[],\"metadata\":null,\"metadata\":\"x\"}]}}", "duplicate field \"metadata\""),
                arguments("escaped unpaired surrogate in a namespace", "{\"CreateNamespace\":{\"namespace\":\"a\\ud800\"}}", "unpaired surrogate U+D800"),
                arguments("escaped unpaired surrogate in an id", "{\"Delete\":{\"namespace\":\"n\",\"ids\":[\"\\udc00\"]}}", "unpaired surrogate U+DC00"),
                arguments("escaped unpaired surrogate in metadata", "{\"Upsert\":{\"namespace\":\"n\",\"vectors\":[{\"id\":\"v\",\"values\":[],\"metadata\":\"\\ud83d x\"}]}}", "unpaired surrogate"));
    }

    static Stream<Arguments> numbersOutOfRange() {
        return Stream.of(
                arguments("float overflow 1e39", upsertWithValues("1e39"), "out of the range of a 32-bit float"),
                arguments("negative float overflow", upsertWithValues("-3.5e38"), "out of the range of a 32-bit float"),
                arguments("double overflow 1e400", upsertWithValues("1e400"), "out of the range of a 32-bit float"),
                arguments("huge integer value", upsertWithValues("1" + "0".repeat(39)), "out of the range of a 32-bit float"),
                arguments("negative lsn", "{\"Checkpoint\":{\"lsn\":-1}}", "unsigned 64-bit"),
                arguments("minus zero lsn", "{\"Checkpoint\":{\"lsn\":-0}}", "unsigned 64-bit"),
                arguments("lsn of 2^64", "{\"Checkpoint\":{\"lsn\":18446744073709551616}}", "unsigned 64-bit"),
                arguments("fractional txn_id", "{\"TxnCommit\":{\"txn_id\":1.5}}", "unsigned 64-bit"),
                arguments("txn_id with exponent", "{\"TxnCommit\":{\"txn_id\":1e2}}", "unsigned 64-bit"),
                arguments("txn_id written as float", "{\"TxnRollback\":{\"txn_id\":1.0}}", "unsigned 64-bit"));
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                arguments("lone continuation byte", "{\"CreateNamespace\":{\"namespace\":\"<80>\"}}", "invalid UTF-8"),
                arguments("overlong NUL", "{\"CreateNamespace\":{\"namespace\":\"<c0><80>\"}}", "invalid UTF-8"),
                arguments("overlong three-byte slash", "{\"CreateNamespace\":{\"namespace\":\"<e0><80><af>\"}}", "invalid UTF-8"),
                arguments("encoded surrogate", "{\"CreateNamespace\":{\"namespace\":\"<ed><a0><80>\"}}", "invalid UTF-8"),
                arguments("above U+10FFFF", "{\"CreateNamespace\":{\"namespace\":\"<f4><90><80><80>\"}}", "invalid UTF-8"),
                arguments("invalid lead byte", "{\"CreateNamespace\":{\"namespace\":\"<ff>\"}}", "invalid UTF-8"),
                arguments("sequence cut by the end", "{\"CreateNamespace\":{\"namespace\":\"a\"}}<e2><82>", "invalid UTF-8"),
                arguments("sequence cut by a quote", "{\"CreateNamespace\":{\"namespace\":\"<e2><82>\"}}", "invalid UTF-8"),
                arguments("latin-1 text", "{\"CreateNamespace\":{\"namespace\":\"caf<e9>\"}}", "invalid UTF-8"),
                arguments("invalid byte in an ignored field", "{\"CreateNamespace\":{\"x\":\"<fe>\",\"namespace\":\"a\"}}", "invalid UTF-8"),
                arguments("byte order mark", "<ef><bb><bf>{\"CreateNamespace\":{\"namespace\":\"a\"}}", "byte order mark"),
                arguments("UTF-16 text", "<00>{<00>}", "control byte"),
                arguments("raw NUL between tokens", "{\"CreateNamespace\":<00>{\"namespace\":\"a\"}}", "control byte 0x00"),
                arguments("raw escape character inside a string", "{\"CreateNamespace\":{\"namespace\":\"<1b>\"}}", "control byte 0x1b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"invalidJson", "missingFields", "wrongTypes", "numbersOutOfRange", "invalidUtf8"})
    void badPayloadIsACodecExceptionSayingWhatIsWrong(String name, String payload, String expectedInMessage) {
        byte[] bytes = bytes(payload);

        assertThatThrownBy(() -> CODEC.decode(bytes, 0, bytes.length))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining(expectedInMessage);
    }

    @Test
    void errorNamesTheByteOffsetWithinThePayload() {
        byte[] framed = bytes("12|{\"Checkpoint\":{\"lsn\":-1}}\n");

        assertThatThrownBy(() -> CODEC.decode(framed, 3, framed.length - 4))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("at byte 21");
    }

    @Test
    void fromJsonRefusesTextWithAnUnpairedSurrogate() {
        assertThatThrownBy(() -> CODEC.fromJson("{\"CreateNamespace\":{\"namespace\":\"\ud800\"}}"))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("unpaired surrogate");
    }

    @Test
    void rangeOutsideTheArrayIsAnIndexOutOfBoundsException() {
        assertThatThrownBy(() -> CODEC.decode(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}

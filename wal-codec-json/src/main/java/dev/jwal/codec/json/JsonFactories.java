package dev.jwal.codec.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

/** The one Jackson {@link JsonFactory} the codec uses; JsonFactory is thread safe once built. */
final class JsonFactories {
    /**
     * Strict JSON (Jackson's defaults: no comments, no single quotes, no NaN
     * literals, no leading zeros, no trailing commas, no raw control
     * characters in strings), with:
     * <ul>
     *   <li>the fast, correctly rounding double parser (FastDoubleParser) and float writer (Schubfach);</li>
     *   <li>nothing written between root values, so one generator writes entry after entry;</li>
     *   <li>no limit on string length: a string cannot be longer than the payload,
     *       which is already in memory, and whatever we write must read back;</li>
     *   <li>supplementary characters written as 4-byte UTF-8, not as escaped
     *       surrogate pairs, and {@code \u001b}-style escapes in lower case, as the
     *       reference writes them.</li>
     * </ul>
     */
    static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .rootValueSeparator((String) null)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            .build();

    private JsonFactories() {
    }
}

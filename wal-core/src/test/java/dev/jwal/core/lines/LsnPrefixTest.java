package dev.jwal.core.lines;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LsnPrefixTest {
    private static long parse(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return LsnPrefix.parse(bytes, 0, bytes.length);
    }

    @Test
    void readsTheDecimalLsnBeforeTheFirstBar() {
        assertThat(parse("42|{\"a\":\"x|y\"}")).isEqualTo(42);
        assertThat(parse("0|{}")).isZero();
        assertThat(parse("9223372036854775807|{}")).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"|{}", "-1|{}", "+1|{}", " 1|{}", "1 |{}", "1a|{}", "12", "",
            "9223372036854775808|{}", "99999999999999999999|{}", "\u0000\u0000|{}"})
    void garbledLsnIsInvalidNeverZero(String line) {
        assertThat(parse(line)).isEqualTo(LsnPrefix.INVALID);
    }
}

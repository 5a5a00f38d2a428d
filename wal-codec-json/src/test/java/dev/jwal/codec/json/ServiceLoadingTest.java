package dev.jwal.codec.json;

import dev.jwal.api.codec.Codecs;
import dev.jwal.api.codec.EntryCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The codec is found by name through ServiceLoader, as the log finds codecs. */
class ServiceLoadingTest {

    @Test
    void codecsFindsJsonByName() {
        assertThat(Codecs.byName("json")).isInstanceOf(JsonEntryCodec.class);
    }

    @Test
    void jsonIsTheDefaultCodecName() {
        assertThat(Codecs.byName(Codecs.DEFAULT_CODEC)).isInstanceOf(JsonEntryCodec.class);
    }

    @Test
    void jsonIsListedOnceAmongAvailableCodecs() {
        assertThat(Codecs.availableNames()).containsOnlyOnce("json");
    }

    @Test
    void describesItselfAsVersionOneSingleLineText() {
        EntryCodec codec = Codecs.byName("json");

        assertThat(codec.name()).isEqualTo("json");
        assertThat(codec.formatVersion()).isEqualTo(1);
        assertThat(codec.writesSingleLineText()).isTrue();
    }
}

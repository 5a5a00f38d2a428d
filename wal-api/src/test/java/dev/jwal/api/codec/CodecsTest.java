package dev.jwal.api.codec;

import dev.jwal.api.error.CodecNotFoundException;
import dev.jwal.api.error.DuplicateCodecException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodecsTest {
    @Test
    void findsACodecByName() {
        assertThat(Codecs.byName("alpha")).isInstanceOf(FakeCodecs.Alpha.class);
    }

    @Test
    void brokenProviderDoesNotHideTheOthers() {
        assertThat(Codecs.availableNames()).contains("alpha", "twin");
    }

    @Test
    void twoProvidersWithOneNameAreAnError() {
        assertThatThrownBy(() -> Codecs.byName("twin"))
                .isInstanceOf(DuplicateCodecException.class)
                .hasMessageContaining(FakeCodecs.TwinOne.class.getName())
                .hasMessageContaining(FakeCodecs.TwinTwo.class.getName());
    }

    @Test
    void missingKnownCodecNamesTheModuleToAdd() {
        assertThatThrownBy(() -> Codecs.byName("kryo"))
                .isInstanceOf(CodecNotFoundException.class)
                .hasMessageContaining("dev.jwal:wal-codec-binary");
    }

    @Test
    void missingUnknownCodecSaysHowToRegisterIt() {
        assertThatThrownBy(() -> Codecs.byName("smile"))
                .isInstanceOf(CodecNotFoundException.class)
                .hasMessageContaining("META-INF/services/dev.jwal.api.codec.EntryCodec")
                .hasMessageContaining("DoesNotExist");
    }
}

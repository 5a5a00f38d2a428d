package dev.jwal.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BookKeeperLocationTest {

    @Test
    void aLocationNamesTheZooKeeperAndTheLog() {
        assertThat(BookKeeperLocation.parse("bk://127.0.0.1:2181/orders_v-2", true))
                .isEqualTo(new BookKeeperLocation("127.0.0.1:2181", "orders_v-2"));
    }

    @Test
    void aDirectoryArgumentIsALocationWhenPicocliCollapsedItsDoubleSlash() {
        assertThat(BookKeeperLocation.of(Path.of("bk://zk.example:2181/orders")))
                .contains(new BookKeeperLocation("zk.example:2181", "orders"));
    }

    @Test
    void aPlainDirectoryIsNoLocation() {
        assertThat(BookKeeperLocation.of(Path.of("/var/log/wal"))).isEmpty();
        assertThat(BookKeeperLocation.of(Path.of("bk"))).isEmpty();
    }

    @Test
    void aLogNameOutsideLettersDigitsDashAndUnderscoreIsBadInput() {
        assertThatThrownBy(() -> BookKeeperLocation.parse("bk://127.0.0.1:2181/a.b", true))
                .isInstanceOf(CliFailure.class).hasMessageContaining("letters, digits");
    }

    @Test
    void aMissingPortOrLogIsBadInput() {
        assertThatThrownBy(() -> BookKeeperLocation.parse("bk://127.0.0.1/orders", true))
                .isInstanceOf(CliFailure.class).hasMessageContaining("HOST:PORT/NAME");
        assertThatThrownBy(() -> BookKeeperLocation.parse("bk://127.0.0.1:2181", true))
                .isInstanceOf(CliFailure.class).hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> BookKeeperLocation.parse("bk://127.0.0.1:99999/x", true))
                .isInstanceOf(CliFailure.class).hasMessageContaining("port 99999");
    }

    @Test
    void aClusterLocationForJoiningNamesNoLog() {
        assertThat(BookKeeperLocation.parse("bk://127.0.0.1:2181", false).toString()).isEqualTo("bk://127.0.0.1:2181");
        assertThatThrownBy(() -> BookKeeperLocation.parse("bk://127.0.0.1:2181/x", false))
                .isInstanceOf(CliFailure.class).hasMessageContaining("names a log");
    }
}

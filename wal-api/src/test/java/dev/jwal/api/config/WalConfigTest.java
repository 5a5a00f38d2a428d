package dev.jwal.api.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WalConfigTest {
    private final Path dir = Path.of("wal");

    @Test
    void defaultsAreTheDocumentedOnes() {
        WalConfig config = WalConfig.builder(dir).build();
        assertThat(config.codec()).isEqualTo("json");
        assertThat(config.segmentSize()).isEqualTo(64L * 1024 * 1024);
        assertThat(config.syncPolicy()).isEqualTo(SyncPolicy.everyWrite());
        assertThat(config.recoveryMode()).isEqualTo(RecoveryMode.TRUNCATE_TORN_TAIL);
        assertThat(config.checkpointThreshold()).isEqualTo(10_000);
        assertThat(config.maxRecordSize()).isEqualTo(64 * 1024 * 1024);
        assertThat(config.slowSyncThreshold()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void zeroSlowSyncThresholdIsRefused() {
        assertThatThrownBy(() -> WalConfig.builder(dir).slowSyncThreshold(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slowSyncThreshold");
    }

    @Test
    void negativeSegmentSizeIsRefusedWithTheValue() {
        assertThatThrownBy(() -> WalConfig.builder(dir).segmentSize(-5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-5");
    }

    @Test
    void zeroCheckpointThresholdIsRefused() {
        assertThatThrownBy(() -> WalConfig.builder(dir).checkpointThreshold(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkpointThreshold");
    }

    @Test
    void recordSizeAboveOneGibibyteIsRefused() {
        assertThatThrownBy(() -> WalConfig.builder(dir).maxRecordSize(Integer.MAX_VALUE).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRecordSize");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        WalConfig config = WalConfig.builder(dir).codec("json").segmentSize(10).syncPolicy(SyncPolicy.manual())
                .recoveryMode(RecoveryMode.STRICT).checkpointThreshold(5).maxRecordSize(100)
                .slowSyncThreshold(Duration.ofMillis(250)).build();
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void framedSegmentsArePreallocatedByDefault() {
        assertThat(WalConfig.builder(dir).format(SegmentFormat.FRAMED).build().preallocate()).isTrue();
    }

    @Test
    void framedSegmentsUnderManualSyncAreNotPreallocatedByDefault() {
        assertThat(WalConfig.builder(dir).format(SegmentFormat.FRAMED).syncPolicy(SyncPolicy.manual()).build()
                .preallocate()).isFalse();
    }

    @Test
    void framedSegmentsUnderManualSyncArePreallocatedWhenAsked() {
        assertThat(WalConfig.builder(dir).format(SegmentFormat.FRAMED).syncPolicy(SyncPolicy.manual())
                .preallocate(true).build().preallocate()).isTrue();
    }

    @Test
    void changingTheSyncPolicyThroughToBuilderTakesTheNewPreallocationDefault() {
        WalConfig everyWrite = WalConfig.builder(dir).format(SegmentFormat.FRAMED).build();
        assertThat(everyWrite.toBuilder().syncPolicy(SyncPolicy.manual()).build().preallocate()).isFalse();
    }

    @Test
    void linesSegmentsAreNotPreallocatedByDefault() {
        assertThat(WalConfig.builder(dir).format(SegmentFormat.LINES).build().preallocate()).isFalse();
    }

    @Test
    void theLinesFormatCanBePreallocated() {
        assertThat(WalConfig.builder(dir).format(SegmentFormat.LINES).preallocate(true).build().preallocate())
                .isTrue();
    }

    @Test
    void mappedWritesAreOffByDefault() {
        assertThat(WalConfig.builder(dir).format(SegmentFormat.FRAMED).build().mappedWrites()).isFalse();
    }

    @Test
    void mappedWritesTurnPreallocationOnUnderManualSync() {
        WalConfig config = WalConfig.builder(dir).format(SegmentFormat.FRAMED).syncPolicy(SyncPolicy.manual())
                .mappedWrites(true).build();
        assertThat(config.preallocate()).isTrue();
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void mappedWritesWithoutPreallocationAreRefused() {
        assertThatThrownBy(() -> WalConfig.builder(dir).format(SegmentFormat.FRAMED).mappedWrites(true)
                .preallocate(false).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need preallocation");
    }

    @Test
    void mappedWritesTurnPreallocationOnForTheLinesFormat() {
        WalConfig config = WalConfig.builder(dir).format(SegmentFormat.LINES).syncPolicy(SyncPolicy.manual())
                .mappedWrites(true).build();
        assertThat(config.preallocate()).isTrue();
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void mappedWritesTakeSegmentsOver2GiB() {
        WalConfig config = WalConfig.builder(dir).format(SegmentFormat.FRAMED).mappedWrites(true)
                .segmentSize(1L << 31).build();
        assertThat(config.mappedWrites()).isTrue();
        assertThat(config.segmentSize()).isEqualTo(1L << 31);
    }

    @Test
    void toBuilderKeepsPreallocationTurnedOff() {
        WalConfig config = WalConfig.builder(dir).format(SegmentFormat.FRAMED).preallocate(false).build();
        assertThat(config.toBuilder().build().preallocate()).isFalse();
    }

    @Test
    void changingTheFormatThroughToBuilderTakesTheNewFormatsPreallocationDefault() {
        WalConfig framed = WalConfig.builder(dir).format(SegmentFormat.FRAMED).build();
        assertThat(framed.toBuilder().format(SegmentFormat.LINES).build().preallocate()).isFalse();
    }

    @Test
    void syncPolicyCommandLineFormsRoundTrip() {
        for (SyncPolicy policy : new SyncPolicy[]{SyncPolicy.everyWrite(), SyncPolicy.manual(),
                SyncPolicy.periodic(7), SyncPolicy.interval(Duration.ofMillis(250))}) {
            assertThat(SyncPolicy.parse(policy.toString())).isEqualTo(policy);
        }
    }

    @Test
    void unknownSyncPolicyNamesTheAcceptedForms() {
        assertThatThrownBy(() -> SyncPolicy.parse("sometimes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("periodic:N");
    }

    @Test
    void periodicSyncNeedsAtLeastOneWrite() {
        assertThatThrownBy(() -> SyncPolicy.parse("periodic:0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recoveryModeCommandLineFormsRoundTrip() {
        for (RecoveryMode mode : RecoveryMode.values()) {
            assertThat(RecoveryMode.parse(mode.cliName())).isEqualTo(mode);
        }
    }
}

package dev.jwal.codec.tck;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * The kit catches broken codecs: each contract below (nested, so the build does
 * not run it by itself) points the kit at a codec with one defect, and the kit
 * must fail the tests about that defect and no others.
 */
class KitCatchesBrokenCodecsTest {

    @Test
    void catchesALostNegativeZero() {
        assertThat(failedTests(LosesNegativeZeroContract.class))
                .contains("keepsPositiveAndNegativeZeroDistinct", "roundTripsFiniteEdgeFloatsBitExact");
    }

    @Test
    void catchesCanonicalizedNaNPayloads() {
        assertThat(failedTests(CanonicalizesNaNContract.class))
                .containsExactly("roundTripsNaNPayloadsAndInfinitiesBitExact");
    }

    @Test
    void catchesEmptyMetadataTurnedIntoNone() {
        assertThat(failedTests(DropsEmptyMetadataContract.class))
                .contains("keepsNullMetadataApartFromEmptyMetadata", "roundTripsEmptyStringsInEveryField");
    }

    @Test
    void catchesNonDeterministicEncoding() {
        assertThat(failedTests(NotDeterministicContract.class))
                .contains("encodesTheSameEntryToTheSameBytesEveryTime", "encodesTheSameBytesFromTwoThreadsAtOnce",
                        "returnsAFreshArrayFromEveryEncode");
    }

    @Test
    void catchesExceptionsOtherThanCodecException() {
        assertThat(failedTests(LeaksExceptionsContract.class))
                .containsExactlyInAnyOrder("decodingEveryTruncationFailsCleanlyOrYieldsAnEntry",
                        "decodingRandomBytesFailsCleanlyOrYieldsAnEntry",
                        "decodingBitFlippedPayloadsFailsCleanlyOrYieldsAnEntry");
    }

    @Test
    void catchesAllocationFromAnUncheckedLength() {
        assertThat(failedTests(TrustsLengthsContract.class)).contains("decodingHugeLengthsNeverAllocatesUnboundedMemory");
    }

    @Test
    void catchesACodecThatIsNotRegistered() {
        assertThat(failedTests(UnregisteredContract.class)).contains("isFoundByNameThroughServiceLoader", "roundTripsUpsert");
    }

    @Test
    void skipsTheTestsOfHooksThatDoNotApply() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(LosesNegativeZeroContract.class))
                .execute().testEvents();
        // A hook that does not apply fails an assumption: JUnit reports the test as aborted (skipped), not passed.
        assertThat(names(tests.aborted()))
                .containsExactlyInAnyOrder("refusesUnpairedSurrogatesAtEncode", "singleLineTextCodecWritesNoLineBreaks",
                        "refusesNaNAndInfinitiesAtEncode");
    }

    private static Set<String> failedTests(Class<?> contract) {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents();
        assertThat(tests.started().count()).as("tests the kit ran").isGreaterThan(30);
        return names(tests.failed());
    }

    private static Set<String> names(Events events) {
        Set<String> names = new TreeSet<>();
        for (Event event : events.list()) {
            event.getTestDescriptor().getSource()
                    .filter(MethodSource.class::isInstance)
                    .map(source -> ((MethodSource) source).getMethodName())
                    .ifPresent(names::add);
        }
        return names;
    }

    static class LosesNegativeZeroContract extends EntryCodecContract {
        @Override
        protected String codecName() {
            return "tck-broken-zero";
        }

        @Override
        protected boolean supportsUnpairedSurrogates() {
            return true;
        }
    }

    static class CanonicalizesNaNContract extends EntryCodecContract {
        @Override
        protected String codecName() {
            return "tck-broken-nan";
        }

        @Override
        protected boolean supportsUnpairedSurrogates() {
            return true;
        }
    }

    static class DropsEmptyMetadataContract extends EntryCodecContract {
        @Override
        protected String codecName() {
            return "tck-broken-metadata";
        }

        @Override
        protected boolean supportsUnpairedSurrogates() {
            return true;
        }
    }

    static class NotDeterministicContract extends EntryCodecContract {
        @Override
        protected String codecName() {
            return "tck-broken-nondeterministic";
        }

        @Override
        protected boolean supportsUnpairedSurrogates() {
            return true;
        }
    }

    static class LeaksExceptionsContract extends EntryCodecContract {
        @Override
        protected String codecName() {
            return "tck-broken-leaky";
        }

        @Override
        protected boolean supportsUnpairedSurrogates() {
            return true;
        }
    }

    static class TrustsLengthsContract extends EntryCodecContract {
        @Override
        protected String codecName() {
            return "tck-broken-trusting";
        }

        @Override
        protected boolean supportsUnpairedSurrogates() {
            return true;
        }
    }

    static class UnregisteredContract extends EntryCodecContract {
        @Override
        protected String codecName() {
            return "tck-not-registered";
        }
    }
}

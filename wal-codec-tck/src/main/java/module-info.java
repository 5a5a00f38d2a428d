/**
 * The jwal codec test kit: extend {@link dev.jwal.codec.tck.EntryCodecContract}
 * in a test, name the codec, and JUnit runs the conformance tests against it.
 */
module dev.jwal.codec.tck {
    requires transitive dev.jwal.api;
    requires transitive org.junit.jupiter.api;
    requires org.assertj.core;
    // com.sun.management.ThreadMXBean: how many bytes one decode allocates.
    requires jdk.management;

    exports dev.jwal.codec.tck;

    opens dev.jwal.codec.tck to org.junit.platform.commons;
}

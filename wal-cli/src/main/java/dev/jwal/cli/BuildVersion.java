package dev.jwal.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * {@code wal --version}: the version and git commit the build wrote into the
 * manifest of {@code wal.jar} ({@code Implementation-Version},
 * {@code Git-Commit}, {@code Git-Dirty}), and the Java running it:
 * <pre>
 * wal 0.1.0-SNAPSHOT (jwal), commit 0044681c2f3a
 * Java 17.0.15 (Debian), /usr/lib/jvm/java-17-openjdk-amd64
 * </pre>
 * A build from a source tree without {@code .git} writes the commit as
 * {@code unknown}; classes run from a directory (not the jar) have no manifest
 * and say {@code development build}.
 */
final class BuildVersion implements IVersionProvider {
    static final String COMMIT = "Git-Commit";
    static final String DIRTY = "Git-Dirty";

    @Override
    public String[] getVersion() {
        return describe(manifest());
    }

    /** The lines of {@code --version} for {@code manifest} (null when there is none). */
    static String[] describe(Manifest manifest) {
        Attributes main = manifest == null ? null : manifest.getMainAttributes();
        String version = main == null ? null : main.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        String first;
        if (version == null) {
            first = "wal development build (jwal; no jar manifest, so no version)";
        } else {
            String commit = main.getValue(COMMIT);
            first = "wal " + version + " (jwal), commit " + (commit == null || commit.isBlank() || commit.startsWith("${") ? "unknown" : commit)
                    + ("true".equals(main.getValue(DIRTY)) ? " with uncommitted changes" : "");
        }
        String java = "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                + System.getProperty("java.home");
        return new String[] {first, java};
    }

    /** The manifest of the jar holding this class, or null when it was not loaded from a jar. */
    private static Manifest manifest() {
        URL self = BuildVersion.class.getResource(BuildVersion.class.getSimpleName() + ".class");
        if (self == null || !"jar".equals(self.getProtocol())) {
            return null;
        }
        String url = self.toString();
        try (InputStream in = new URL(url.substring(0, url.indexOf("!/") + 2) + "META-INF/MANIFEST.MF").openStream()) {
            return new Manifest(in);
        } catch (IOException e) {
            return null;
        }
    }
}

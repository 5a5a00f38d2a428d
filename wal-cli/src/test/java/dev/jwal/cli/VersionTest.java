package dev.jwal.cli;

import org.junit.jupiter.api.Test;

import java.util.jar.Attributes;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code wal --version}; the launcher test ({@code LauncherIT}) checks the built jar's real version and commit. */
class VersionTest {
    @Test
    void versionPrintsTheVersionAndCommitFromTheManifestAndTheJava() {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.IMPLEMENTATION_VERSION, "1.2.3");
        main.putValue(BuildVersion.COMMIT, "0123456789ab");
        main.putValue(BuildVersion.DIRTY, "false");

        String[] lines = BuildVersion.describe(manifest);

        assertThat(lines[0]).isEqualTo("wal 1.2.3 (jwal), commit 0123456789ab");
        assertThat(lines[1]).startsWith("Java " + System.getProperty("java.version"));
    }

    @Test
    void aBuildWithUncommittedChangesSaysSo() {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "1.2.3");
        manifest.getMainAttributes().putValue(BuildVersion.COMMIT, "0123456789ab");
        manifest.getMainAttributes().putValue(BuildVersion.DIRTY, "true");

        assertThat(BuildVersion.describe(manifest)[0])
                .isEqualTo("wal 1.2.3 (jwal), commit 0123456789ab with uncommitted changes");
    }

    @Test
    void aBuildWithoutGitSaysTheCommitIsUnknown() {
        for (String commit : new String[] {null, "unknown", "${git.commit.id.abbrev}"}) {
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "1.2.3");
            if (commit != null) {
                manifest.getMainAttributes().putValue(BuildVersion.COMMIT, commit);
            }

            assertThat(BuildVersion.describe(manifest)[0]).isEqualTo("wal 1.2.3 (jwal), commit unknown");
        }
    }

    @Test
    void versionFromClassesWithoutAJarSaysDevelopmentBuildAndExitsZero() {
        Cli.Result version = Cli.run("--version");

        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.outLines()).hasSize(2);
        assertThat(version.outLines().get(0)).startsWith("wal development build");
    }
}

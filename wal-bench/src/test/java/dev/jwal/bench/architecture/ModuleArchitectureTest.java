package dev.jwal.bench.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The modules depend on each other one way only, checked on the main classes of every module (wal-bench sees
 * them all on its test class path):
 *
 * <pre>
 *   wal-api  &lt;-  codecs (wal-codec-json, wal-codec-binary, wal-codec-tck: dev.jwal.codec..)
 *   wal-api  &lt;-  wal-core  &lt;-  wal-storage, wal-testkit, wal-bookkeeper
 *   wal-cli and wal-bench on top
 * </pre>
 *
 * Codecs never depend on core (core finds them by name through {@link java.util.ServiceLoader}), core depends
 * on no codec nor anything above it, storage, the test kit and the BookKeeper log not on each other. wal-core's own packages are
 * checked by its CoreArchitectureTest.
 */
class ModuleArchitectureTest {
    /** Each layer and the packages of its module(s). */
    private static final Map<String, String> LAYERS = Map.of(
            "api", "dev.jwal.api..",
            "codecs", "dev.jwal.codec..",
            "core", "dev.jwal.core..",
            "storage", "dev.jwal.storage..",
            "testkit", "dev.jwal.testkit..",
            "bookkeeper", "dev.jwal.bookkeeper..",
            "cli", "dev.jwal.cli..",
            "bench", "dev.jwal.bench..");

    private static JavaClasses jwal;

    @BeforeAll
    static void importEveryModule() {
        jwal = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.jwal");
    }

    @Test
    void everyModuleIsOnTheClassPath() {
        // Else the rules below would pass on a module they never saw.
        LAYERS.forEach((layer, packages) -> assertThat(jwal.stream()
                .anyMatch(c -> c.getPackageName().startsWith(packages.replace("..", ""))))
                .as("main classes of %s (%s) imported", layer, packages).isTrue());
    }

    @Test
    void modulesDependOnlyDownwards() {
        Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy(LAYERS.get("api"))
                .layer("codecs").definedBy(LAYERS.get("codecs"))
                .layer("core").definedBy(LAYERS.get("core"))
                .layer("storage").definedBy(LAYERS.get("storage"))
                .layer("testkit").definedBy(LAYERS.get("testkit"))
                .layer("bookkeeper").definedBy(LAYERS.get("bookkeeper"))
                .layer("cli").definedBy(LAYERS.get("cli"))
                .layer("bench").definedBy(LAYERS.get("bench"))
                .whereLayer("bench").mayNotBeAccessedByAnyLayer()
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("testkit").mayNotBeAccessedByAnyLayer()
                .whereLayer("storage").mayOnlyBeAccessedByLayers("bench")
                .whereLayer("bookkeeper").mayOnlyBeAccessedByLayers("cli", "bench")
                .whereLayer("core").mayOnlyBeAccessedByLayers("storage", "testkit", "bookkeeper", "cli", "bench")
                .whereLayer("codecs").mayOnlyBeAccessedByLayers("cli", "bench")
                .whereLayer("api").mayOnlyBeAccessedByLayers("codecs", "core", "storage", "testkit", "bookkeeper",
                        "cli", "bench")
                .check(jwal);
    }

    @Test
    void codecsNeverDependOnCore() {
        noClasses().that().resideInAPackage("dev.jwal.codec..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jwal.core..", "dev.jwal.storage..",
                        "dev.jwal.testkit..", "dev.jwal.cli..", "dev.jwal.bench..")
                .check(jwal);
    }

    @Test
    void coreDependsOnNothingAboveIt() {
        noClasses().that().resideInAPackage("dev.jwal.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jwal.codec..", "dev.jwal.storage..",
                        "dev.jwal.testkit..", "dev.jwal.bookkeeper..", "dev.jwal.cli..", "dev.jwal.bench..")
                .check(jwal);
    }

    @Test
    void onlyTheBookKeeperLogAndWhatSitsOnItNameBookKeeper() {
        noClasses().that().resideInAnyPackage("dev.jwal.api..", "dev.jwal.codec..", "dev.jwal.core..",
                        "dev.jwal.storage..", "dev.jwal.testkit..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.bookkeeper..", "org.apache.zookeeper..")
                .check(jwal);
    }
}

package dev.jwal.core.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of wal-core, checked on its compiled classes: packages depend on each other one way only, the
 * read side knows nothing of the write side nor of any one format, and core never names a concrete codec
 * (codecs are found by name through {@link java.util.ServiceLoader}).
 */
class CoreArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.jwal.core");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.jwal.core.(*)..").should().beFreeOfCycles().check(core);
    }

    @Test
    void coreNamesNoConcreteCodec() {
        noClasses().that().resideInAPackage("dev.jwal.core..")
                .should().dependOnClassesThat().resideInAPackage("dev.jwal.codec..").check(core);
    }

    @Test
    void coreNamesNoMetricsLibrary() {
        // Metrics are the optional wal-metrics-micrometer module's, which reads WriteAheadLog.stats().
        noClasses().that().resideInAPackage("dev.jwal.core..")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..").check(core);
    }

    @Test
    void theReadSideKnowsNoWriterAndNoFormat() {
        noClasses().that().resideInAPackage("dev.jwal.core.read..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jwal.core.write..", "dev.jwal.core.framed..",
                        "dev.jwal.core.lines..", "dev.jwal.core.format..").check(core);
    }

    @Test
    void formatsKnowNoWriter() {
        noClasses().that().resideInAnyPackage("dev.jwal.core.framed..", "dev.jwal.core.lines..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jwal.core.write..", "dev.jwal.core.format..")
                .check(core);
    }

    @Test
    void theWriteSideKnowsNoReader() {
        noClasses().that().resideInAPackage("dev.jwal.core.write..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jwal.core.read..", "dev.jwal.core.format..")
                .check(core);
    }

    @Test
    void internalPackagesDoNotReachTheApiPackage() {
        noClasses().that().resideInAnyPackage("dev.jwal.core.*..")
                .should().dependOnClassesThat().resideInAPackage("dev.jwal.core").check(core);
    }
}

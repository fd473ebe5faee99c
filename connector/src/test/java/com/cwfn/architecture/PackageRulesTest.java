package com.cwfn.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package map (docs/architecture.md) as rules: packages without cycles; the ground (json, settings, pause, tracing), the
 * mapping, the clients and the store depend on no flow. The sandboxes and the demo are other Maven modules, kept apart
 * by Maven itself (connector/pom.xml: the sandboxes are a test dependency only, which the enforcer holds).
 */
class PackageRulesTest {
    private static final String[] FLOWS = {"com.cwfn.app..", "com.cwfn.admin..", "com.cwfn.routing..",
        "com.cwfn.intake..", "com.cwfn.inbox..", "com.cwfn.dispatch..", "com.cwfn.syncback..", "com.cwfn.sync..",
        "com.cwfn.jobs..", "com.cwfn.notify..", "com.cwfn.observe..", "com.cwfn.failure..", "com.cwfn.console.."};
    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.cwfn");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("com.cwfn.(*)..").should().beFreeOfCycles().check(product);
    }

    @Test
    void groundMappingClientsAndStoreDependOnNoFlow() {
        noClasses().that().resideInAnyPackage("com.cwfn.json..", "com.cwfn.settings..", "com.cwfn.mapping..", "com.cwfn.tracing..",
                "com.cwfn.pause..", "com.cwfn.http..", "com.cwfn.store..", "com.cwfn.connectwise..",
                "com.cwfn.fieldnation..")
                .should().dependOnClassesThat().resideInAnyPackage(FLOWS)
                .check(product);
    }

    @Test
    void theJsonHelperIsALeaf() {
        classes().that().resideInAPackage("com.cwfn.json..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.cwfn.json..", "java..",
                        "com.fasterxml.jackson..")
                .check(product);
    }

    @Test
    void theSettingsNeedNothingOfTheConnectorButTheJsonHelper() {
        noClasses().that().resideInAPackage("com.cwfn.settings..")
                .should().dependOnClassesThat().resideOutsideOfPackages("com.cwfn.settings..", "com.cwfn.json..",
                        "java..", "org.apache.camel..", "org.slf4j..")
                .check(product);
    }
}

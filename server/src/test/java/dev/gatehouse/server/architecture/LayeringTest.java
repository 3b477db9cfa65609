package dev.gatehouse.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of DESIGN.md §3: {@code web, ui, admin → protocol → identity, access,
 * tokens, client, events → store} ports; only {@code app} knows the concrete PostgreSQL (and
 * later Kafka) classes; no util/helpers/common packages.
 */
class LayeringTest {
  private static final String ROOT = "dev.gatehouse.server";
  static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(ROOT);
  }

  @Test
  void storePortsDependOnNoOtherGatehousePackage() {
    noClasses().that().resideInAPackage(ROOT + ".store")
        .should().dependOnClassesThat().resideInAnyPackage(
            ROOT + ".web..", ROOT + ".ui..", ROOT + ".admin..", ROOT + ".protocol..",
            ROOT + ".identity..", ROOT + ".access..", ROOT + ".tokens..", ROOT + ".client..",
            ROOT + ".events..", ROOT + ".app..", ROOT + ".store.postgres..")
        .check(classes);
  }

  @Test
  void domainPackagesKnowNothingOfHttpOrOAuthOrWiring() {
    noClasses().that().resideInAnyPackage(
            ROOT + ".identity..", ROOT + ".access..", ROOT + ".tokens..", ROOT + ".client..",
            ROOT + ".events..")
        .should().dependOnClassesThat().resideInAnyPackage(
            ROOT + ".web..", ROOT + ".ui..", ROOT + ".admin..", ROOT + ".protocol..",
            ROOT + ".app..", "org.eclipse.jetty..")
        .check(classes);
  }

  @Test
  void protocolDoesNotDependOnAdaptersOrWiring() {
    noClasses().that().resideInAPackage(ROOT + ".protocol..")
        .should().dependOnClassesThat().resideInAnyPackage(
            ROOT + ".web..", ROOT + ".ui..", ROOT + ".admin..", ROOT + ".app..")
        .check(classes);
  }

  @Test
  void adaptersDoNotDependOnWiring() {
    noClasses().that().resideInAnyPackage(ROOT + ".web..", ROOT + ".ui..", ROOT + ".admin..")
        .should().dependOnClassesThat().resideInAPackage(ROOT + ".app..")
        .check(classes);
  }

  @Test
  void onlyTheCompositionRootKnowsConcreteStorageAndMessaging() {
    noClasses().that().resideOutsideOfPackages(ROOT + ".app..", ROOT + ".store.postgres..")
        .should().dependOnClassesThat().resideInAnyPackage(
            ROOT + ".store.postgres..", "org.jdbi..", "org.postgresql..", "com.zaxxer..",
            "org.flywaydb..", "io.zonky..", "org.apache.kafka..")
        .check(classes);
  }

  @Test
  void noGrabBagPackages() {
    noClasses().should().resideInAnyPackage("..util..", "..utils..", "..helpers..", "..common..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void topLevelPackagesAreFreeOfCycles() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
  }
}

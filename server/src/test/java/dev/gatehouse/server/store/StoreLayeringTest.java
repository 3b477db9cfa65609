package dev.gatehouse.server.store;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** DESIGN.md §3: store is the bottom layer, and its ports know nothing of JDBI or PostgreSQL. */
class StoreLayeringTest {
  private static final JavaClasses STORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.gatehouse.server.store");

  @Test
  void storeDependsOnNoOtherGatehousePackage() {
    noClasses().that().resideInAPackage("dev.gatehouse.server.store..")
        .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.gatehouse..")
            .and(not(JavaClass.Predicates.resideInAPackage("dev.gatehouse.server.store.."))))
        .check(STORE);
  }

  @Test
  void theRuleAboveWouldCatchAViolation() {
    // Guards against a vacuous rule: store classes do depend on store classes.
    assertThatThrownBy(() -> noClasses().that().resideInAPackage("dev.gatehouse.server.store.postgres..")
            .should().dependOnClassesThat().resideInAPackage("dev.gatehouse.server.store")
            .check(STORE))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void portsAndRecordsDoNotDependOnTheirImplementations() {
    noClasses().that().resideInAPackage("dev.gatehouse.server.store")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.gatehouse.server.store.postgres..", "org.jdbi..", "org.postgresql..", "java.sql..")
        .check(STORE);
  }
}

package dev.streambed.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of DESIGN.md, checked on the compiled classes. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.streambed");
  }

  @Test
  void servicesNeverSeeHttpOrNetty() {
    noClasses().that().resideInAnyPackage("dev.streambed.dynamodb..", "dev.streambed.kernel..",
            "dev.streambed.iam..", "dev.streambed.sts..", "dev.streambed.sqs..")
        .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "dev.streambed.server..")
        .check(classes);
  }

  @Test
  void consoleSeesNeitherNettyNorTheFrontDoorNorStorage() {
    noClasses().that().resideInAnyPackage("dev.streambed.console..")
        .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "dev.streambed.server..",
            "dev.streambed.storage..")
        .check(classes);
  }

  @Test
  void servicesNeverSeeTheConsole() {
    noClasses().that().resideInAnyPackage("dev.streambed.dynamodb..", "dev.streambed.streams..",
            "dev.streambed.iam..", "dev.streambed.sts..", "dev.streambed.lambda..", "dev.streambed.logs..",
            "dev.streambed.sqs..", "dev.streambed.kernel..", "dev.streambed.storage..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.streambed.console..")
        .check(classes);
  }

  @Test
  void consolePagesCallServicesNotTheirWireOperations() {
    noClasses().that().resideInAnyPackage("dev.streambed.console..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.streambed.dynamodb.api..",
            "dev.streambed.lambda.api..", "dev.streambed.logs.api..", "dev.streambed.iam.api..",
            "dev.streambed.streams.api..")
        .check(classes);
  }

  @Test
  void storageNeverSeesServices() {
    noClasses().that().resideInAnyPackage("dev.streambed.storage..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.streambed.dynamodb..",
            "dev.streambed.iam..", "dev.streambed.sts..", "dev.streambed.server..",
            "dev.streambed.kernel..")
        .check(classes);
  }

  @Test
  void serviceCoresNeverSeeWireJson() {
    noClasses().that().resideInAnyPackage("dev.streambed.dynamodb.table..",
            "dev.streambed.dynamodb.item..", "dev.streambed.dynamodb.expression..")
        .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.core..")
        .check(classes);
  }

  @Test
  void iamAndDynamoDbAreIndependent() {
    noClasses().that().resideInAnyPackage("dev.streambed.iam..", "dev.streambed.sts..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.streambed.dynamodb..")
        .check(classes);
  }

  @Test
  void sqsStandsAlone() {
    noClasses().that().resideInAnyPackage("dev.streambed.sqs..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.streambed.dynamodb..",
            "dev.streambed.iam..", "dev.streambed.sts..", "dev.streambed.lambda..", "dev.streambed.logs..",
            "dev.streambed.streams..")
        .check(classes);
  }

  @Test
  void kernelDependsOnNoOtherModule() {
    noClasses().that().resideInAnyPackage("dev.streambed.kernel..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.streambed.storage..",
            "dev.streambed.dynamodb..", "dev.streambed.iam..", "dev.streambed.sts..")
        .check(classes);
  }
}

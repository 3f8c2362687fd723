package org.convene.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The pages hold no data of their own: they reach the services only through their public APIs. */
@AnalyzeClasses(packages = "org.convene.web", importOptions = ImportOption.DoNotIncludeTests.class)
class WebArchitectureTests {

    @ArchTest
    static final ArchRule noStoreAndNoBroker = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.data..", "org.springframework.kafka..", "com.mongodb..");

    @ArchTest
    static final ArchRule featuresCallServicesOnlyThroughTheApiClients = noClasses()
            .that()
            .resideInAnyPackage("..workshops..", "..manage..", "..subscribe..", "..organiser..", "..requests..")
            .should()
            .dependOnClassesThat()
            .haveSimpleName("WebClient");
}

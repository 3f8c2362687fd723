package org.convene.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering every service follows inside each feature package: web → domain ← persistence, and
 * messaging beside web. The domain knows nothing of HTTP, Kafka or the store. Include with
 * {@code @ArchTest static final ArchTests rules = ArchTests.in(ConveneArchitectureRules.class);}.
 */
public final class ConveneArchitectureRules {

    private ConveneArchitectureRules() {}

    @ArchTest
    public static final ArchRule domainKnowsNoTransportOrStore = noClasses()
            .that()
            .resideInAPackage("..domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "..web..",
                    "..messaging..",
                    "..persistence..",
                    "org.springframework.web..",
                    "org.springframework.http..",
                    "org.springframework.kafka..",
                    "org.apache.kafka..",
                    "org.springframework.data.mongodb..",
                    "com.mongodb..")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule webDoesNotReachIntoPersistence = noClasses()
            .that()
            .resideInAPackage("..web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..persistence..", "org.springframework.kafka..")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule messagingDoesNotCallWeb = noClasses()
            .that()
            .resideInAPackage("..messaging..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..web..")
            .allowEmptyShould(true);
}

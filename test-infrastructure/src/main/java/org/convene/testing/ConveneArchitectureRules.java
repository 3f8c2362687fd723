package org.convene.testing;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

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

    /*
     * The rules between features below came after the code they judge (issue 23). They were frozen (the
     * violations of the day listed, only those passing) until the code kept them everywhere; every list is
     * now empty, so they hold as plainly as the rules above.
     */

    /**
     * A feature's store adapters are its own: another feature asks through the first one's domain (its
     * ports and services), never its persistence classes. Configuration wires them and may see all.
     */
    @ArchTest
    public static final ArchRule noFeatureReachesIntoAnothersPersistence = classes()
            .that()
            .resideInAPackage("..persistence..")
            .should(new ArchCondition<JavaClass>("be used only by their own feature or configuration") {
                @Override
                public void check(JavaClass persistence, ConditionEvents events) {
                    var feature = featureOf(persistence);
                    for (var access : persistence.getDirectDependenciesToSelf()) {
                        var origin = access.getOriginClass();
                        var from = featureOf(origin);
                        if (from.equals(feature) || from.endsWith(".config") || !from.contains(".")) {
                            continue;
                        }
                        events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                    }
                }
            })
            .allowEmptyShould(true);

    /** The domain speaks its own language; the wire's records stay in messaging, which maps them. */
    @ArchTest
    public static final ArchRule domainKnowsNoContracts = noClasses()
            .that()
            .resideInAPackage("..domain..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.convene.contracts..")
            .allowEmptyShould(true);

    /**
     * Features depend on each other one way. Configuration, which wires every feature and holds the
     * properties they read, is left out: it is the composition root, not a feature.
     */
    @ArchTest
    public static final ArchRule featuresAreFreeOfCycles = slices().matching("org.convene.(*).(*)..")
            .should()
            .beFreeOfCycles()
            .ignoreDependency(resideInAPackage("..config.."), DescribedPredicate.alwaysTrue())
            .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAPackage("..config.."))
            .allowEmptyShould(true);

    /** {@code org.convene.<service>.<feature>}: the package two levels below org.convene. */
    static String featureOf(JavaClass type) {
        var parts = type.getPackageName().split("\\.");
        return parts.length >= 4 ? String.join(".", parts[0], parts[1], parts[2], parts[3]) : type.getPackageName();
    }
}

package io.rackdesk.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The layer rules, parameterised by package roots so that the same rules can be shown to catch
 * violations in fixture packages (ArchitectureRulesSelfTest).
 */
final class LayerRules {
    static final String[] BACKENDS = {"org.libvirt..", "com.sun.jna..", "com.ceph..", "org.apache.sshd.."};

    private LayerRules() {
    }

    /** app/ is the toolkit-free core: no JavaFX, and it knows nothing of the layers above it. */
    static ArchRule coreIsToolkitFree(String core, String viewModels, String views) {
        return noClasses().that().resideInAPackage(core + "..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", viewModels + "..", views + "..")
                .because("app/ is the core, usable from the CLI and tests without a UI toolkit");
    }

    /** viewmodels/ may use javafx.beans and javafx.collections only, and never the views. */
    static ArchRule viewModelsHaveNoSceneGraph(String viewModels, String views) {
        return noClasses().that().resideInAPackage(viewModels + "..")
                .should().dependOnClassesThat(resideInAPackage("javafx..")
                        .and(not(resideInAnyPackage("javafx.beans..", "javafx.collections..")))
                        .or(resideInAPackage(views + "..")))
                .because("ViewModels are tested without a toolkit and must not reach into controls");
    }

    /** views/ go through ViewModels; they never call a backend library directly. */
    static ArchRule viewsDoNotTouchBackends(String views) {
        return noClasses().that().resideInAPackage(views + "..")
                .should().dependOnClassesThat().resideInAnyPackage(BACKENDS)
                .because("backend calls belong in app/ and run on workers, never on the FX thread");
    }
}

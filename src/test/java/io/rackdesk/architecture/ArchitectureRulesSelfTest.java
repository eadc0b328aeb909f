package io.rackdesk.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shows that each layer rule fails when broken: the same rules, pointed at fixture packages that
 * break them on purpose (src/test/java/io/rackdesk/archfixture).
 */
class ArchitectureRulesSelfTest {
    private static final String CORE = "io.rackdesk.archfixture.core";
    private static final String VMS = "io.rackdesk.archfixture.viewmodels";
    private static final String VIEWS = "io.rackdesk.archfixture.views";
    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages("io.rackdesk.archfixture");
    }

    @Test
    void coreRuleCatchesJavaFxInTheCore() {
        EvaluationResult r = LayerRules.coreIsToolkitFree(CORE, VMS, VIEWS).evaluate(fixtures);
        assertTrue(r.hasViolation(), "a core class using javafx.scene must be reported");
        assertTrue(r.getFailureReport().toString().contains("CoreUsingJavaFx"), r.getFailureReport().toString());
        assertFalse(r.getFailureReport().toString().contains("CleanCore"), "the clean class is not reported");
    }

    @Test
    void viewModelRuleCatchesSceneGraphUse() {
        EvaluationResult r = LayerRules.viewModelsHaveNoSceneGraph(VMS, VIEWS).evaluate(fixtures);
        assertTrue(r.hasViolation());
        String report = r.getFailureReport().toString();
        assertTrue(report.contains("ViewModelUsingControls"), report);
        assertFalse(report.contains("ViewModelUsingBeans"), "javafx.beans is allowed: " + report);
    }

    @Test
    void viewRuleCatchesDirectBackendCalls() {
        EvaluationResult r = LayerRules.viewsDoNotTouchBackends(VIEWS).evaluate(fixtures);
        assertTrue(r.hasViolation());
        assertTrue(r.getFailureReport().toString().contains("ViewCallingLibvirt"), r.getFailureReport().toString());
    }
}

package io.rackdesk.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dependencies point one way: views -> viewmodels -> app. */
class ArchitectureTest {
    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.rackdesk");
    }

    @Test
    void theProductHasAllThreeLayers() {
        assertTrue(product.containPackage("io.rackdesk.app"), "app classes imported");
        assertTrue(product.containPackage("io.rackdesk.viewmodels"), "viewmodel classes imported");
        assertTrue(product.containPackage("io.rackdesk.views"), "view classes imported");
    }

    @Test
    void coreIsToolkitFree() {
        LayerRules.coreIsToolkitFree("io.rackdesk.app", "io.rackdesk.viewmodels", "io.rackdesk.views").check(product);
    }

    @Test
    void viewModelsUseOnlyBeansAndCollections() {
        LayerRules.viewModelsHaveNoSceneGraph("io.rackdesk.viewmodels", "io.rackdesk.views").check(product);
    }

    @Test
    void viewsDoNotTouchBackends() {
        LayerRules.viewsDoNotTouchBackends("io.rackdesk.views").check(product);
    }
}

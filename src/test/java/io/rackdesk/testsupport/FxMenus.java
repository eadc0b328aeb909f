package io.rackdesk.testsupport;

import static io.rackdesk.testsupport.FxWait.waitFor;

import javafx.scene.Node;
import javafx.scene.control.Label;
import org.testfx.api.FxRobot;

/** Clicks items of an open menu (context menu, MenuButton) by their text: menu items are no scene nodes with ids. */
public final class FxMenus {
    private FxMenus() {
    }

    /** Waits for the open menu to show {@code label}, then clicks that item. */
    public static void clickItem(FxRobot robot, String label) throws Exception {
        waitFor(() -> robot.lookup(".menu-item").queryAll().stream().anyMatch(n -> hasLabel(robot, n, label)), "the menu item " + label);
        robot.clickOn(robot.lookup(".menu-item").queryAll().stream().filter(n -> hasLabel(robot, n, label)).findFirst().orElseThrow());
    }

    private static boolean hasLabel(FxRobot robot, Node n, String label) {
        return robot.from(n).lookup(".label").queryAll().stream().anyMatch(l -> l instanceof Label lb && label.equals(lb.getText()));
    }
}

package io.rackdesk.archfixture.core;

/** Breaks the core rule on purpose (a core class that builds a control). */
public class CoreUsingJavaFx {
    public Object label() {
        return new javafx.scene.control.Label("not allowed in app/");
    }
}
